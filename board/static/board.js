// The board's only script: "tick all open" on the case board. No inline scripts anywhere (the CSP forbids them).
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button.tick-all")) {
    button.addEventListener("click", () => {
      for (const box of document.querySelectorAll("#column-open input[name=case_id]")) box.checked = true;
    });
  }
});
