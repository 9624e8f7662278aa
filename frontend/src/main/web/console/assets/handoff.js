/* Console · 人工服务: 转人工 tickets — claim, reply (shown to the citizen as 人工回复), close. */
(function () {
  'use strict';
  var C = window.GovAssistConsole;
  var el = C.el;
  var list = document.getElementById('handoff');
  var select = document.getElementById('ho-status');
  var status = document.getElementById('ho-status-text');
  var STATUS = { OPEN: '待认领', CLAIMED: '处理中', ANSWERED: '已回复', CLOSED: '已关闭' };

  /* after an action the list shows the ticket where it now is, so staff keep it in view */
  function act(ticket, path, body, done, next) {
    C.api('POST', '/api/v1/console/handoff/' + encodeURIComponent(ticket.ticketId) + path, body).then(function (res) {
      if (!res.ok) {
        status.textContent = C.errorMessage(res, '操作失败');
        return;
      }
      status.textContent = done;
      if (select.value) select.value = next;
      C.refreshHandoffBadge();
      load(true);
    });
  }

  function render(ticket, me) {
    var li = el('li', 'handoff-item');
    li.setAttribute('data-ticket', ticket.ticketId);
    var head = el('div', 'feedback-head');
    head.appendChild(el('span', 'badge ' + (ticket.status === 'OPEN' ? 'danger' : 'warn'), STATUS[ticket.status] || ticket.status));
    head.appendChild(el('time', null, ' ' + C.formatTime(ticket.createdAt)));
    if (ticket.claimedBy) head.appendChild(el('span', 'muted small', ' · 认领：' + ticket.claimedBy));
    li.appendChild(head);
    li.appendChild(el('p', 'feedback-q', '问题：' + ticket.question));
    if (ticket.contact) li.appendChild(el('p', 'muted small', '联系方式：' + ticket.contact));
    if (ticket.conversation && ticket.conversation.length) {
      var turns = el('div', 'turns');
      turns.appendChild(el('p', 'muted small', '此前的对话：'));
      ticket.conversation.forEach(function (t) {
        turns.appendChild(el('p', 'feedback-q', '问：' + t.question));
        turns.appendChild(el('p', 'feedback-a', '答：' + t.answer));
      });
      li.appendChild(turns);
    }
    if (ticket.reply) {
      li.appendChild(el('p', 'handoff-reply', '人工回复（' + (ticket.reply.repliedBy || '') + ' ' +
        C.formatTime(ticket.reply.repliedAt) + '）：' + ticket.reply.text));
    }
    var actions = el('div', 'actions');
    var mine = ticket.claimedBy === me;
    if (ticket.status === 'OPEN') {
      var claim = el('button', 'claim', '认领');
      claim.type = 'button';
      claim.addEventListener('click', function () { act(ticket, '/claim', null, '已认领', 'CLAIMED'); });
      actions.appendChild(claim);
    }
    if (ticket.status === 'OPEN' || ((ticket.status === 'CLAIMED' || ticket.status === 'ANSWERED') && mine)) {
      var box = el('textarea', 'reply-text');
      box.setAttribute('aria-label', '回复内容');
      box.placeholder = '回复群众（将显示为“人工回复”）';
      li.appendChild(box);
      var send = el('button', 'reply', ticket.reply ? '更新回复' : '回复');
      send.type = 'button';
      send.addEventListener('click', function () {
        if (!box.value.trim()) { status.textContent = '回复内容不能为空'; return; }
        act(ticket, '/reply', { text: box.value }, '已回复', 'ANSWERED');
      });
      actions.appendChild(send);
    }
    if (ticket.reply) {
      var curate = el('a', 'curate button', '存为常见问题');
      curate.href = '/console/curated.html?ticket=' + encodeURIComponent(ticket.ticketId);
      curate.title = '把问题和人工回复保存为常见问题，相同的问题将直接得到这一答复（标注“人工审核”）';
      actions.appendChild(curate);
    }
    if (ticket.status !== 'CLOSED') {
      var close = el('button', 'close', '关闭');
      close.type = 'button';
      close.addEventListener('click', function () { act(ticket, '/close', null, '已关闭', 'CLOSED'); });
      actions.appendChild(close);
    }
    li.appendChild(actions);
    return li;
  }

  function load(keepStatus) {
    if (!keepStatus) status.textContent = '加载中…';
    var q = select.value ? '?status=' + encodeURIComponent(select.value) : '';
    Promise.all([C.session, C.api('GET', '/api/v1/console/handoff' + q)]).then(function (r) {
      var session = r[0], res = r[1];
      if (!res.ok) {
        status.textContent = C.errorMessage(res, '无法加载人工服务工单');
        return;
      }
      var tickets = res.body.tickets || [];
      if (!keepStatus) status.textContent = tickets.length ? '共 ' + tickets.length + ' 条' : '暂无工单';
      list.replaceChildren();
      tickets.forEach(function (t) { list.appendChild(render(t, session.username)); });
    });
  }

  select.addEventListener('change', function () { load(false); });
  document.getElementById('ho-refresh').addEventListener('click', function () { load(false); });
  load(false);
}());
