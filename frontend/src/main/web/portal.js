(function () {
  'use strict';
  var snippet = document.getElementById('snippet');
  var code = '<script src="' + location.origin + '/widget.js" data-title="政策咨询" async></' + 'script>';
  snippet.textContent = code;

  var status = document.getElementById('copy-status');
  document.getElementById('copy-snippet').addEventListener('click', function () {
    var done = function () { status.textContent = '已复制'; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(code).then(done, function () { select(); });
    } else {
      select();
    }
  });

  function select() {
    var range = document.createRange();
    range.selectNodeContents(snippet);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    status.textContent = document.execCommand && document.execCommand('copy') ? '已复制' : '已选中，请按 Ctrl+C 复制';
  }

  document.getElementById('open-widget-hint').addEventListener('click', function () {
    var widget = document.querySelector('govassist-widget');
    var launcher = widget && widget.shadowRoot && widget.shadowRoot.querySelector('.ga-launcher');
    if (launcher && launcher.getAttribute('aria-expanded') !== 'true') launcher.click();
    var box = widget && widget.shadowRoot && widget.shadowRoot.querySelector('textarea');
    if (box) {
      box.value = '人工智能+医疗由哪些部门负责？';
      box.focus();
    }
  });
}());
