// The console's script: follows an alert's progress as server-sent events. Without it, reloading the
// page shows the same figures.
"use strict";
(function () {
  var box = document.getElementById("progress");
  if (!box || !window.EventSource) return;
  var source = new EventSource(box.getAttribute("data-events"));
  var bar = document.getElementById("bar");
  source.onmessage = function (event) {
    var figures = JSON.parse(event.data);
    Object.keys(figures).forEach(function (key) {
      var field = box.querySelector('[data-field="' + key + '"]');
      if (field) field.textContent = String(figures[key]);
    });
    bar.value = figures.percent;
    bar.textContent = figures.percent + " %";
  };
  source.addEventListener("end", function () { source.close(); });
})();
