// Progressive enhancement only: every form works without this file.
(function () {
  "use strict";

  // Live character count for long section texts.
  document.querySelectorAll("[data-counter-for]").forEach(function (counter) {
    var box = document.getElementById(counter.getAttribute("data-counter-for"));
    if (!box) { return; }
    var max = parseInt(box.getAttribute("data-maxlength") || "0", 10);
    var show = function () {
      counter.textContent = box.value.length.toLocaleString("vi-VN") + (max ? " / " + max.toLocaleString("vi-VN") : "") + " ký tự.";
      counter.classList.toggle("errors", max > 0 && box.value.length > max);
    };
    box.addEventListener("input", show);
    show();
  });

  // "Thêm dòng" on the figures table: clone the last row with the next index.
  document.querySelectorAll("[data-add-row]").forEach(function (button) {
    var body = document.querySelector("#" + button.getAttribute("data-add-row") + " tbody");
    if (!body) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var rows = body.querySelectorAll("tr");
      var last = rows[rows.length - 1];
      var index = rows.length;
      var copy = last.cloneNode(true);
      copy.querySelector("td").textContent = String(index + 1);
      copy.querySelectorAll("input").forEach(function (input) {
        input.name = input.name.replace(/\[\d+\]/, "[" + index + "]");
        input.id = input.id.replace(/_\d+__/, "_" + index + "__");
        input.value = "";
      });
      body.appendChild(copy);
    });
  });

  // Parts a page fetches once it has shown (data-load), e.g. the dashboard's figures; the slot's link shows the same
  // in the page without scripts, and stays if the fetch fails or lands on the log-in page.
  document.querySelectorAll("[data-load]").forEach(function (slot) {
    var link = slot.querySelector("a");
    var text = link ? link.textContent : "";
    if (link) { link.textContent = slot.getAttribute("data-loading") || text; }
    slot.setAttribute("aria-busy", "true");
    fetch(slot.getAttribute("data-load"), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok || response.redirected) { throw new Error("HTTP " + response.status); }
        return response.text();
      })
      .then(function (html) {
        var box = document.createElement("div");
        box.innerHTML = html;
        slot.replaceWith.apply(slot, Array.prototype.slice.call(box.childNodes));
      })
      .catch(function () {
        slot.removeAttribute("aria-busy");
        if (link) { link.textContent = text; }
      });
  });

  // Ask before irreversible workflow steps.
  document.querySelectorAll("form.action button.danger").forEach(function (button) {
    button.addEventListener("click", function (e) {
      if (!window.confirm("Trả lại báo cáo cho đơn vị?")) { e.preventDefault(); }
    });
  });
})();
