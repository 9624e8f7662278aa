/* Console · clause search (POST /api/v1/search). */
(function () {
  'use strict';
  var C = window.GovAssistConsole;
  var el = C.el;
  var form = document.getElementById('search-form');
  var input = document.getElementById('query');
  var status = document.getElementById('search-status');
  var results = document.getElementById('results');
  var kb = document.getElementById('kb');
  C.knowledgeBaseOptions(kb);

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var query = input.value.trim();
    if (!query) return;
    status.textContent = '检索中…';
    results.replaceChildren();
    var body = { query: query, topK: 10 };
    if (kb.value) body.knowledgeBase = kb.value;
    C.api('POST', '/api/v1/search', body).then(function (res) {
      if (!res.ok) {
        status.textContent = C.errorMessage(res, '检索失败');
        return;
      }
      var hits = res.body.hits || [];
      status.textContent = hits.length ? '找到 ' + hits.length + ' 条相关条款（' + res.body.tookMs + ' 毫秒）' : '未找到相关条款';
      hits.forEach(function (h) {
        var li = el('li', 'result-item');
        var link = el('a', 'cite', '《' + h.documentTitle + '》' + h.clauseLabel + (h.docNumber ? '（' + h.docNumber + '）' : ''));
        link.href = '/document.html?id=' + encodeURIComponent(h.documentId) + '#clause=' + encodeURIComponent(h.clauseId);
        link.target = '_blank';
        link.rel = 'noopener';
        li.appendChild(link);
        if (h.clausePath && h.clausePath.length) li.appendChild(el('div', 'path', h.clausePath.join(' › ')));
        var u = h.responsibleUnits || {};
        if ((u.lead && u.lead.length) || (u.cooperating && u.cooperating.length)) {
          li.appendChild(el('div', 'units', '牵头单位：' + (u.lead || []).join('、') +
            ((u.cooperating && u.cooperating.length) ? '；配合单位：' + u.cooperating.join('、') : '')));
        }
        li.appendChild(el('div', 'text', h.text));
        li.appendChild(el('div', 'score', '相关度 ' + h.score.toFixed(4) + (h.status === 'DRAFT' ? ' · 征求意见稿' : '')));
        results.appendChild(li);
      });
    });
  });
}());
