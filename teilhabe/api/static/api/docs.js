// Start Swagger UI on /api/v1/docs/ (a static file, so the page needs no inline script).
// The page brings its own h1 and introduction, so Swagger UI's info block is left out; deep
// links are off because they put a link inside each operation's button (nested controls).
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  var withoutInfo = function () {
    return { components: { InfoContainer: function () { return null; } } };
  };
  // Swagger UI leaves a few controls without a name and scrollable examples out of the tab
  // order; name them (after every render) so that the page stays axe-clean when opened.
  var repair = function () {
    root.querySelectorAll("tr[data-param-name]").forEach(function (row) {
      row.querySelectorAll("select, input, textarea").forEach(function (control) {
        if (!control.hasAttribute("aria-label") && !control.labels.length) {
          control.setAttribute("aria-label", row.dataset.paramName);
        }
      });
    });
    root.querySelectorAll(".highlight-code > pre, pre.microlight, .model-example pre").forEach(
      function (pre) {
        if (!pre.hasAttribute("tabindex")) {
          pre.setAttribute("tabindex", "0");
        }
      }
    );
    root.querySelectorAll("table.responses-table[role='region']").forEach(function (table) {
      if (table.hasAttribute("aria-label")) {
        return;
      }
      var block = table.closest(".opblock");
      var path = block && block.querySelector(".opblock-summary-path");
      var method = block && block.querySelector(".opblock-summary-method");
      table.setAttribute(
        "aria-label",
        (root.dataset.answersLabel || "Responses") + ": " +
          (method ? method.textContent + " " : "") + (path ? path.dataset.path : table.id)
      );
    });
  };
  new MutationObserver(repair).observe(root, { childList: true, subtree: true });

  window.SwaggerUIBundle({
    url: root.dataset.schemaUrl,
    domNode: root,
    presets: [window.SwaggerUIBundle.presets.apis],
    plugins: [withoutInfo],
    layout: "BaseLayout",
    deepLinking: false,
    defaultModelsExpandDepth: 0,
    syntaxHighlight: { activated: false },
    validatorUrl: null,
  });
})();
