// The course book: renders the math that Markdig marked (class "math", TeX between \( \) or \[ \]) with KaTeX; a
// block, or an inline formula written with $$, is a display formula.
document.querySelectorAll(".math").forEach(function (element) {
  var tex = element.textContent.trim().replace(/^\\[(\[]/, "").replace(/\\[)\]]$/, "");
  katex.render(tex, element, { displayMode: element.tagName === "DIV" || element.classList.contains("display"), throwOnError: false });
});
