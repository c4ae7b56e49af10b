// Enter in a picker's filter filters its list (htmx's "search" trigger) instead of saving the whole form.
// A file, not an hx-on attribute: hx-on evaluates a string, which the Content-Security-Policy forbids.
document.addEventListener("keydown", function (event) {
  var input = event.target;
  if (event.key !== "Enter" || !input.matches || !input.matches("input[data-picker-filter]")) return;
  event.preventDefault();
  if (window.htmx) window.htmx.trigger(input, "search");
});
