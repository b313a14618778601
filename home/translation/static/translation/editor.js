// Runs before wagtail-localize's editor reads its props: someone who cannot publish
// (a translator) is not offered "Convert to alias page", which would throw their
// translation away; the server refuses it to them as well.
(() => {
  const editor = document.querySelector(".js-translation-editor[data-props]");
  if (!editor) return;
  const props = JSON.parse(editor.dataset.props);
  if (props.perms && !props.perms.canPublish && props.links && props.links.convertToAliasUrl) {
    props.links.convertToAliasUrl = null;
    editor.dataset.props = JSON.stringify(props);
  }
})();
