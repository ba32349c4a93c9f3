using System.Globalization;
using System.Text;

namespace Autograder;

/// <summary>The batch's CSV: one row per submission, total, each question, and how grading ended.</summary>
static class Gradebook
{
    public static string ToCsv(Assignment assignment, IEnumerable<(GradeReport Report, string FeedbackFile)> rows)
    {
        var csv = new StringBuilder();
        var header = new List<string> { "student", "submission", "score", "max_score" };
        header.AddRange(assignment.Questions.Select(q => $"q{q.Number}"));
        header.AddRange(["status", "seconds", "feedback", "sandbox"]);
        csv.AppendLine(string.Join(",", header.Select(Quote)));
        foreach (var (r, feedback) in rows)
        {
            var fields = new List<string>
            {
                r.Student, r.SubmissionPath, GradeReport.Format(r.Score), GradeReport.Format(assignment.Points),
            };
            fields.AddRange(assignment.Questions.Select(q => GradeReport.Format(r.Earned(q))));
            fields.AddRange([r.StatusWithReview, r.Seconds.ToString("0.0", CultureInfo.InvariantCulture), feedback, r.Sandbox]);
            csv.AppendLine(string.Join(",", fields.Select(Quote)));
        }
        return csv.ToString();
    }

    /// <summary>RFC 4180 quoting, and a leading quote mark for text a spreadsheet would run as a formula.</summary>
    static string Quote(string field)
    {
        if (field.Length > 0 && "=+-@".Contains(field[0]) && !double.TryParse(field, CultureInfo.InvariantCulture, out _))
            field = "'" + field;
        return field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
    }
}
