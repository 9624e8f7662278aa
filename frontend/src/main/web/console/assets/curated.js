/* Console · 常见问题: curated answers — create (also from a replied 转人工 ticket: ?ticket=ID), edit, retire. */
(function () {
  'use strict';
  var C = window.GovAssistConsole;
  var el = C.el;
  var list = document.getElementById('curated');
  var select = document.getElementById('cu-status');
  var status = document.getElementById('cu-status-text');
  var form = document.getElementById('cu-form');
  var title = document.getElementById('cu-form-title');
  var source = document.getElementById('cu-source');
  var question = document.getElementById('cu-question');
  var answer = document.getElementById('cu-answer');
  var clauseList = document.getElementById('cu-clauses');
  var search = document.getElementById('cu-search');
  var hits = document.getElementById('cu-hits');
  var STATUS = { ACTIVE: '使用中', RETIRED: '已停用' };
  var editing = null;   // the id being edited, or null for a new one
  var ticketId = null;  // the 转人工 ticket a new one starts from
  var clauses = [];     // [{documentId, clauseId, label, documentTitle}]

  function name(c) {
    return (c.documentTitle ? '《' + c.documentTitle + '》' : '') + (c.label || c.clauseId);
  }

  function drawClauses() {
    clauseList.replaceChildren();
    clauses.forEach(function (c, i) {
      var li = el('li', 'curated-clause', '[' + (i + 1) + '] ' + name(c) + ' ');
      var remove = el('button', 'remove-clause', '移除');
      remove.type = 'button';
      remove.addEventListener('click', function () { clauses.splice(i, 1); drawClauses(); });
      li.appendChild(remove);
      clauseList.appendChild(li);
    });
    if (!clauses.length) clauseList.appendChild(el('li', 'muted small', '尚未选择条款（至少一条）'));
  }

  function reset() {
    editing = null;
    ticketId = null;
    clauses = [];
    question.value = '';
    answer.value = '';
    question.disabled = false;
    title.textContent = '新建常见问题';
    source.hidden = true;
    hits.replaceChildren();
    drawClauses();
  }

  function findClauses() {
    var q = search.value.trim();
    if (!q) return;
    C.api('POST', '/api/v1/search', { query: q, topK: 5 }).then(function (res) {
      hits.replaceChildren();
      if (!res.ok) { status.textContent = C.errorMessage(res, '检索失败'); return; }
      (res.body.hits || []).forEach(function (h) {
        var c = { documentId: h.documentId, clauseId: h.clauseId, label: h.clauseLabel, documentTitle: h.documentTitle };
        var li = el('li', 'curated-hit');
        li.appendChild(el('p', 'feedback-q', name(c)));
        li.appendChild(el('p', 'muted small', h.text.length > 160 ? h.text.slice(0, 160) + '…' : h.text));
        var add = el('button', 'add-clause', '引用此条');
        add.type = 'button';
        add.addEventListener('click', function () {
          if (!clauses.some(function (x) { return x.clauseId === c.clauseId; })) clauses.push(c);
          drawClauses();
        });
        li.appendChild(add);
        hits.appendChild(li);
      });
      if (!hits.children.length) hits.appendChild(el('li', 'muted small', '没有找到相关条款'));
    });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var body = { question: question.value, answer: answer.value,
      clauses: clauses.map(function (c) { return { documentId: c.documentId, clauseId: c.clauseId }; }) };
    if (ticketId) body.ticketId = ticketId;
    var req = editing ? C.api('PUT', '/api/v1/console/curated/' + encodeURIComponent(editing), body)
      : C.api('POST', '/api/v1/console/curated', body);
    req.then(function (res) {
      if (!res.ok) { status.textContent = C.errorMessage(res, '保存失败'); return; }
      status.textContent = editing ? '已保存修改' : '已新建常见问题';
      if (ticketId) history.replaceState(null, '', location.pathname);
      reset();
      load(true);
    });
  });

  function edit(item) {
    editing = item.id;
    ticketId = null;
    title.textContent = '修改常见问题';
    source.hidden = true;
    question.value = item.question;
    answer.value = item.answer;
    clauses = item.clauses.slice();
    drawClauses();
    form.scrollIntoView();
    question.focus();
  }

  function render(item) {
    var li = el('li', 'handoff-item curated-item');
    li.setAttribute('data-curated', item.id);
    var head = el('div', 'feedback-head');
    head.appendChild(el('span', 'badge ' + (item.status === 'ACTIVE' ? 'ok' : 'warn'), STATUS[item.status] || item.status));
    head.appendChild(el('time', null, ' ' + C.formatTime(item.updatedAt)));
    head.appendChild(el('span', 'muted small', ' · ' + (item.updatedBy || '')));
    if (item.sourceTicket) head.appendChild(el('span', 'muted small', ' · 来自工单 ' + item.sourceTicket));
    li.appendChild(head);
    li.appendChild(el('p', 'feedback-q', '问：' + item.question));
    li.appendChild(el('p', 'feedback-a', '答：' + item.answer));
    li.appendChild(el('p', 'muted small', '依据：' + item.clauses.map(function (c, i) {
      return '[' + (i + 1) + '] ' + name(c);
    }).join('；')));
    if (item.status === 'ACTIVE') {
      var actions = el('div', 'actions');
      var change = el('button', 'edit', '修改');
      change.type = 'button';
      change.addEventListener('click', function () { edit(item); });
      actions.appendChild(change);
      var retire = el('button', 'retire', '停用');
      retire.type = 'button';
      retire.addEventListener('click', function () {
        C.api('POST', '/api/v1/console/curated/' + encodeURIComponent(item.id) + '/retire').then(function (res) {
          status.textContent = res.ok ? '已停用' : C.errorMessage(res, '停用失败');
          load(true);
        });
      });
      actions.appendChild(retire);
      li.appendChild(actions);
    }
    return li;
  }

  function load(keepStatus) {
    if (!keepStatus) status.textContent = '加载中…';
    var q = select.value ? '?status=' + encodeURIComponent(select.value) : '';
    C.api('GET', '/api/v1/console/curated' + q).then(function (res) {
      if (!res.ok) { status.textContent = C.errorMessage(res, '无法加载常见问题'); return; }
      var items = res.body.answers || [];
      if (!keepStatus) status.textContent = items.length ? '共 ' + items.length + ' 条' : '暂无常见问题';
      list.replaceChildren();
      items.forEach(function (a) { list.appendChild(render(a)); });
    });
  }

  /* ?ticket=ID: start from a replied 转人工 ticket */
  function fromTicket(id) {
    C.api('GET', '/api/v1/console/curated/draft/' + encodeURIComponent(id)).then(function (res) {
      if (!res.ok) { status.textContent = C.errorMessage(res, '无法读取该工单'); return; }
      ticketId = id;
      question.value = res.body.question || '';
      answer.value = res.body.answer || '';
      clauses = (res.body.clauses || []).slice();
      drawClauses();
      source.textContent = '来自人工服务工单 ' + id.slice(0, 8) + '：请核对问题与答复，选择所依据的条款后保存。';
      source.hidden = false;
      if (!clauses.length) search.value = res.body.question || '';
    });
  }

  document.getElementById('cu-search-go').addEventListener('click', findClauses);
  search.addEventListener('keydown', function (e) { if (e.key === 'Enter') { e.preventDefault(); findClauses(); } });
  document.getElementById('cu-cancel').addEventListener('click', reset);
  select.addEventListener('change', function () { load(false); });
  document.getElementById('cu-refresh').addEventListener('click', function () { load(false); });
  reset();
  var ticket = new URLSearchParams(location.search).get('ticket');
  if (ticket) fromTicket(ticket);
  load(false);
}());
