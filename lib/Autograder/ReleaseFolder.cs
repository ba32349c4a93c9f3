using System.Text;

namespace Autograder;

/// <summary>The folder given to students: the student version of every assignment and a README that lists them.</summary>
static class ReleaseFolder
{
    /// <summary>The files a release holds, by name, as generate writes them.</summary>
    public static SortedDictionary<string, string> Files(IReadOnlyList<Assignment> assignments)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in assignments) files[a.Name + ".ipynb"] = StudentVersion.Create(a);
        files["README.md"] = Readme(assignments);
        return files;
    }

    /// <summary>The instructor versions named on the command line (files, or every .ipynb in a folder).</summary>
    public static List<Assignment> Read(IEnumerable<string> inputs)
    {
        var paths = new List<string>();
        foreach (var input in inputs)
        {
            if (File.Exists(input)) paths.Add(input);
            else if (Directory.Exists(input)) paths.AddRange(Directory.EnumerateFiles(input, "*.ipynb").Order(StringComparer.Ordinal));
            else throw new ArgumentException($"{input}: no such assignment notebook or folder.");
        }
        if (paths.Count == 0) throw new ArgumentException($"no .ipynb files in {string.Join(", ", inputs)}.");
        return paths.Select(Assignment.Read).ToList();
    }

    static string Readme(IReadOnlyList<Assignment> assignments)
    {
        var md = new StringBuilder();
        md.Append("""
            # Assignments

            These are the student versions of the course's graded assignments. They are generated from the instructor
            versions; do not edit them here, edit the instructor version and generate them again.

            | Assignment | Questions | Points |
            |---|---|---|

            """.ReplaceLineEndings("\n"));
        foreach (var a in assignments)
            md.Append($"| [{a.Name}]({a.Name}.ipynb) | {a.Questions.Count} | {GradeReport.Format(a.Points)} |\n");
        md.Append("""

            ## Working on an assignment

            1. Open the notebook in VS Code (Polyglot Notebooks) and run the cells from the top.
            2. Write your answers where a cell says `// YOUR ANSWER HERE`; you may add cells of your own.
            3. Run each question's test cell: it prints PASS or FAIL with the reason. The last cell of the notebook
               lists every question. Grading runs these tests again, and hidden ones.
            4. Hand in the .ipynb file. Only your answer cells and the cells you added are graded; the other cells are
               run as they were given to you.
            """.ReplaceLineEndings("\n"));
        md.Append('\n');
        return md.ToString();
    }
}
