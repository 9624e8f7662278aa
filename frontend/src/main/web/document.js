(function () {
  'use strict';
  var T = window.GovAssistClauseTree;
  var params = new URLSearchParams(location.search);
  var id = params.get('id');
  var title = document.getElementById('doc-title');
  var meta = document.getElementById('doc-meta');
  var status = document.getElementById('doc-status');
  var note = document.getElementById('target-note');
  var tree = document.getElementById('tree');

  function clauseFromHash() {
    var m = /(?:^#|&)clause=([^&]+)/.exec(location.hash);
    return m ? decodeURIComponent(m[1]) : null;
  }

  function showTarget() {
    var clauseId = clauseFromHash();
    var target = T.highlight(tree, clauseId);
    if (clauseId && target) {
      note.hidden = false;
      note.textContent = '已定位到被引用的条款：' + target.querySelector('.clause-label').textContent;
    } else if (clauseId) {
      note.hidden = false;
      note.textContent = '该条款在当前版本的文件中不存在（文件可能已更新）。';
    } else {
      note.hidden = true;
    }
  }

  function addMeta(label, value) {
    if (!value) return;
    meta.appendChild(T.el('dt', null, label));
    meta.appendChild(T.el('dd', null, value));
  }

  if (!id) {
    title.textContent = '未指定文件';
    status.textContent = '链接缺少文件编号（id）。';
    return;
  }
  fetch('/api/v1/documents/' + encodeURIComponent(id)).then(function (r) {
    return r.json().then(function (body) { return { ok: r.ok, body: body }; });
  }).then(function (res) {
    if (!res.ok) {
      title.textContent = '无法打开文件';
      status.textContent = (res.body && res.body.error && res.body.error.message) || '加载失败';
      return;
    }
    var d = res.body.document;
    document.title = d.title + ' · 政务智能助手';
    title.textContent = '《' + d.title + '》';
    addMeta('文号', d.docNumber);
    addMeta('发布机关', d.issuer);
    addMeta('日期', d.date);
    addMeta('状态', T.statusLabel(d.status));
    addMeta('条款数', String(d.clauseCount));
    if (/^https?:\/\//i.test(d.source)) {
      // Kept in sync from a portal's policy column (网站同步): link the page it was published on.
      var link = T.el('a', null, '查看原文网页');
      link.href = d.source;
      link.rel = 'noopener noreferrer';
      link.target = '_blank';
      meta.appendChild(T.el('dt', null, '原文'));
      var dd = T.el('dd');
      dd.appendChild(link);
      meta.appendChild(dd);
    }
    T.render(tree, res.body.tree);
    showTarget();
  }).catch(function () {
    title.textContent = '无法打开文件';
    status.textContent = '网络错误，请稍后重试。';
  });
  window.addEventListener('hashchange', showTarget);
}());
