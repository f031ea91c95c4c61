// Progressive enhancement: the form works without this file; with it, a signature pad.
(function () {
  "use strict";
  document.documentElement.classList.replace("no-js", "js");
  document.addEventListener("DOMContentLoaded", function () {
    // After a failed submit, take keyboard and screen-reader users to the list of problems.
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
    // Copy buttons for the letters' text (the text stays selectable without JavaScript).
    Array.prototype.forEach.call(document.querySelectorAll("button.copy"), function (button) {
      button.addEventListener("click", function () {
        var field = document.getElementById(button.getAttribute("data-copy"));
        field.select();
        var done = function () { button.textContent = button.getAttribute("data-done"); };
        if (navigator.clipboard) { navigator.clipboard.writeText(field.value).then(done); }
        else { document.execCommand("copy"); done(); }
      });
    });
    // The organisation's fields matter only for "another organisation" and workspace tools.
    var platform = document.getElementById("platform");
    var organisation = document.querySelector("fieldset.organisation");
    if (platform && organisation) {
      var needs = (organisation.getAttribute("data-platforms") || "").split(" ");
      var toggle = function () {
        var filled = Array.prototype.some.call(organisation.querySelectorAll("input, textarea"),
          function (input) { return input.value; });
        organisation.hidden = needs.indexOf(platform.value) < 0 && !filled;
      };
      platform.addEventListener("change", toggle);
      toggle();
    }
    var canvas = document.getElementById("signature-canvas");
    var field = document.getElementById("signature_image");
    if (!canvas || !field) { return; }
    var ctx = canvas.getContext("2d");
    var drawing = false, inked = false, last = null;
    ctx.lineWidth = 3; ctx.lineCap = "round"; ctx.lineJoin = "round"; ctx.strokeStyle = "#000";

    function point(event) {
      var box = canvas.getBoundingClientRect();
      return { x: (event.clientX - box.left) * canvas.width / box.width,
               y: (event.clientY - box.top) * canvas.height / box.height };
    }
    function chooseDrawn() {
      var radio = document.querySelector("input[name=signature_mode][value=drawn]");
      if (radio) { radio.checked = true; }
    }
    function save() { if (inked) { field.value = canvas.toDataURL("image/png"); } }

    canvas.addEventListener("pointerdown", function (event) {
      drawing = true; last = point(event); canvas.setPointerCapture(event.pointerId);
      chooseDrawn(); event.preventDefault();
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!drawing) { return; }
      var next = point(event);
      ctx.beginPath(); ctx.moveTo(last.x, last.y); ctx.lineTo(next.x, next.y); ctx.stroke();
      last = next; inked = true; event.preventDefault();
    });
    function stop() { if (drawing) { drawing = false; save(); } }
    canvas.addEventListener("pointerup", stop);
    canvas.addEventListener("pointercancel", stop);
    document.getElementById("signature-clear").addEventListener("click", function () {
      ctx.clearRect(0, 0, canvas.width, canvas.height); inked = false; field.value = "";
    });
    // A drawing kept from a failed submit: show it again.
    if (field.value.indexOf("data:image/png;base64,") === 0) {
      var image = new Image();
      image.onload = function () { ctx.drawImage(image, 0, 0); inked = true; };
      image.src = field.value;
    }
  });
})();
