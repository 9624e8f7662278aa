/* Console · Audit log (ADMIN): newest first, filtered by actor, action, outcome and dates, paged by id. */
(function () {
  'use strict';
  var C = window.GovAssistConsole;
  var el = C.el;
  var PAGE_SIZE = 50;
  var ACTION = {
    LOGIN: '登录', DOCUMENT_UPLOAD: '上传文件', DOCUMENT_DELETE: '删除文件', DOCUMENT_REINGEST: '重新解析文件',
    API_KEY_CREATE: '创建 API 密钥', API_KEY_REVOKE: '吊销 API 密钥', USER_CREATE: '创建用户', USER_DELETE: '删除用户',
    USER_PASSWORD_RESET: '重置密码', AUDIT_PURGE: '清理过期审计记录', AUDIT_RETENTION_CHANGE: '修改保存期限'
  };
  var OUTCOME = { SUCCESS: '成功', FAILURE: '失败' };
  var form = document.getElementById('audit-filters');
  var tbody = document.querySelector('#audit tbody');
  var status = document.getElementById('audit-status');
  var prev = document.getElementById('a-prev');
  var next = document.getElementById('a-next');
  var pageLabel = document.getElementById('a-page');
  /* before-ids of the pages shown so far: pages[0] is null (the newest page) */
  var pages = [null];
  var nextBefore = null;

  function value(id) {
    return document.getElementById(id).value.trim();
  }

  /* a yyyy-MM-dd date from the date input as the instant of local midnight (plus days) */
  function localMidnight(date, plusDays) {
    var p = date.split('-');
    return new Date(Number(p[0]), Number(p[1]) - 1, Number(p[2]) + plusDays).toISOString();
  }

  function query(before) {
    var params = ['limit=' + PAGE_SIZE];
    var add = function (name, v) { if (v) params.push(name + '=' + encodeURIComponent(v)); };
    add('actor', value('a-actor'));
    add('action', value('a-action'));
    add('outcome', value('a-outcome'));
    if (value('a-from')) add('from', localMidnight(value('a-from'), 0));
    if (value('a-to')) add('to', localMidnight(value('a-to'), 1));
    if (before != null) add('before', String(before));
    return '/api/v1/admin/audit?' + params.join('&');
  }

  function load() {
    var before = pages[pages.length - 1];
    status.textContent = '加载中…';
    C.api('GET', query(before)).then(function (res) {
      if (!res.ok) {
        status.textContent = C.errorMessage(res, '无法加载审计日志');
        return;
      }
      var events = res.body.events || [];
      tbody.replaceChildren();
      events.forEach(function (e) {
        var tr = el('tr', 'outcome-' + e.outcome);
        tr.setAttribute('data-id', String(e.id));
        tr.appendChild(el('td', 'nowrap', C.formatTime(e.occurredAt)));
        tr.appendChild(el('td', 'actor', e.actor));
        var action = el('td', 'action', ACTION[e.action] || e.action);
        action.title = e.action;
        tr.appendChild(action);
        tr.appendChild(el('td', 'target', e.target || '—'));
        tr.appendChild(el('td', 'outcome', OUTCOME[e.outcome] || e.outcome));
        tr.appendChild(el('td', 'ip', e.clientIp || '—'));
        tr.appendChild(el('td', 'detail', e.detail || ''));
        tbody.appendChild(tr);
      });
      nextBefore = events.length === PAGE_SIZE ? events[events.length - 1].id : null;
      next.disabled = nextBefore == null;
      prev.disabled = pages.length <= 1;
      pageLabel.textContent = '第 ' + pages.length + ' 页';
      status.textContent = events.length ? '本页 ' + events.length + ' 条' : '没有符合条件的记录';
    });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    pages = [null];
    load();
  });
  document.getElementById('a-reset').addEventListener('click', function () {
    form.reset();
    pages = [null];
    load();
  });
  next.addEventListener('click', function () {
    if (nextBefore == null) return;
    pages.push(nextBefore);
    load();
  });
  prev.addEventListener('click', function () {
    if (pages.length <= 1) return;
    pages.pop();
    load();
  });
  load();
}());
