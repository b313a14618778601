// Wagtail autosaves the editor 0.5 s after a change. On the "add page" form the first
// autosave creates the page and only then points the form at the new page's edit view;
// a click on Save draft / Submit / Publish in between would post the add form a second
// time ("The slug … is already in use"), and on an edit form it would be refused as a
// stale revision. So a click made while an autosave is under way waits for its answer
// (at most a minute) and then goes ahead, with the same button, to wherever the form now
// points. Nothing else changes: without a pending autosave the click submits at once.
// The wait is long: creating a page (revision, search and reference indexes) has taken
// over 15 s on a busy 2-core server, and a click that went ahead then was refused.
(() => {
  const pending = new WeakMap(); // form -> Promise settled when its autosave has answered
  const WAIT_AT_MOST = 60000;

  document.addEventListener("w-autosave:save", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || event.defaultPrevented) return;
    const answered = new Promise((resolve) => {
      const done = () => {
        form.removeEventListener("w-autosave:success", done);
        form.removeEventListener("w-autosave:error", done);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(done, WAIT_AT_MOST);
      form.addEventListener("w-autosave:success", done);
      form.addEventListener("w-autosave:error", done);
    });
    pending.set(form, answered);
    answered.then(() => {
      if (pending.get(form) === answered) pending.delete(form);
    });
  });

  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      const answered = pending.get(form);
      const button = event.submitter;
      if (!answered || button?.hasAttribute("formaction")) return;
      event.preventDefault();
      answered.then(() => {
        // Wagtail has greyed the button out meanwhile; its name says which action it is.
        let action = null;
        if (button && button.name) {
          action = document.createElement("input");
          action.type = "hidden";
          action.name = button.name;
          action.value = button.value;
          form.append(action);
        }
        form.requestSubmit();
        action?.remove();
      });
    },
    true,
  );
})();
