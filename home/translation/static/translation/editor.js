// Runs before wagtail-localize's editor reads its props. For someone who cannot publish
// (a translator): no "Convert to alias page" or "Delete", which would throw their
// translation away (the server refuses the alias conversion to them as well), and
// "Ready for review" as their main action instead.
(() => {
  const script = document.currentScript;
  // Listeners run in the order they were added: this one before wagtail-localize's own.
  document.addEventListener("DOMContentLoaded", () => prepare(script));
})();

function prepare(script) {
  const editor = document.querySelector(".js-translation-editor[data-props]");
  if (!editor) return;
  const props = JSON.parse(editor.dataset.props);
  if (!props.perms || props.perms.canPublish) return;
  props.links.convertToAliasUrl = null;
  props.perms.canDelete = false;
  editor.dataset.props = JSON.stringify(props);

  const match = /\/translate\/(\d+)\//.exec(props.links.downloadPofile || "");
  const token = editor.querySelector('[name="csrfmiddlewaretoken"]');
  if (!match || !token) return;
  const form = document.createElement("form");
  form.method = "post";
  form.className = "translation-ready nice-padding";
  form.action = script.dataset.readyUrl.replace("/0/", `/${match[1]}/`);
  for (const [name, value] of [
    ["csrfmiddlewaretoken", token.value],
    ["next", window.location.pathname],
  ]) {
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    form.append(input);
  }
  const hint = document.createElement("p");
  hint.textContent = script.dataset.readyHint;
  const button = document.createElement("button");
  button.type = "submit";
  button.className = "button";
  button.textContent = script.dataset.readyLabel;
  form.append(hint, button);
  editor.before(form);
}
