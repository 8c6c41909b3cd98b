// Teilhabe: small progressive enhancements. Every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // A <details> that holds a field with an error is open (the server opens it too).
  document.querySelectorAll("details").forEach((details) => {
    if (details.querySelector("[aria-invalid='true'], .kern-error")) details.open = true;
  });
  // Move keyboard and screen-reader focus to the error summary after a failed submit.
  const summary = document.getElementById("form-errors");
  if (summary) {
    summary.focus();
    // A link in the summary moves focus to its field and shows the field's label.
    summary.addEventListener("click", (event) => {
      const link = event.target.closest("a[href^='#']");
      if (!link) return;
      const field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!field) return;
      event.preventDefault();
      const details = field.closest("details");
      if (details) details.open = true;
      const label = document.querySelector(`label[for='${field.id}']`);
      const legend = field.closest("fieldset") && field.closest("fieldset").querySelector("legend");
      (legend || label || field).scrollIntoView({ block: "start" });
      field.focus({ preventScroll: true });
      history.replaceState(null, "", link.hash);
    });
  }
});
