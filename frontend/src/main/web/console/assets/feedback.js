/* Console · Feedback: downvoted answers and unanswered (grounded=false) questions, newest first. */
(function () {
  'use strict';
  var C = window.GovAssistConsole;
  var el = C.el;
  var list = document.getElementById('feedback');
  var kind = document.getElementById('fb-kind');
  var status = document.getElementById('fb-status');
  var KIND = { DOWNVOTED: '👎 差评回答', UNANSWERED: '未能回答' };

  function load() {
    status.textContent = '加载中…';
    var q = kind.value ? '?kind=' + encodeURIComponent(kind.value) : '';
    C.api('GET', '/api/v1/console/feedback' + q).then(function (res) {
      if (!res.ok) {
        status.textContent = C.errorMessage(res, '无法加载反馈');
        return;
      }
      var items = res.body.items || [];
      status.textContent = items.length ? '共 ' + items.length + ' 条' : '暂无待办';
      list.replaceChildren();
      items.forEach(function (item) {
        var li = el('li', 'feedback-item kind-' + item.kind);
        var head = el('div', 'feedback-head');
        head.appendChild(el('span', 'badge ' + (item.kind === 'DOWNVOTED' ? 'danger' : 'warn'), KIND[item.kind] || item.kind));
        head.appendChild(el('time', null, C.formatTime(item.at)));
        li.appendChild(head);
        li.appendChild(el('p', 'feedback-q', '问：' + (item.question || '（问题未保存）')));
        if (item.answer) li.appendChild(el('p', 'feedback-a', '答：' + item.answer));
        if (item.comment) li.appendChild(el('p', 'feedback-comment', '意见：' + item.comment));
        li.appendChild(el('p', 'muted small', '会话 ' + item.conversationId +
          (item.turnNo != null ? ' · 第 ' + item.turnNo + ' 轮' : '') + (item.grounded === false ? ' · 未找到依据' : '')));
        list.appendChild(li);
      });
    });
  }

  kind.addEventListener('change', load);
  document.getElementById('fb-refresh').addEventListener('click', load);
  load();
}());
