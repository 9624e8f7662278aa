/* Console · Ask: the chat with filters (documents, issuers, dates, drafts); citations in the side panel beside
   the cited document's clause tree. */
(function () {
  'use strict';
  var C = window.GovAssistConsole;
  var T = window.GovAssistClauseTree;
  var SSE = window.GovAssistSse;
  var parse = SSE.json;
  var piece = SSE.piece;
  var readEvents = SSE.readEvents;
  var el = C.el;

  var form = document.getElementById('ask-form');
  var question = document.getElementById('question');
  var submit = document.getElementById('ask-submit');
  var status = document.getElementById('ask-status');
  var conversation = document.getElementById('conversation');
  var citationList = document.getElementById('citations');
  var treeTitle = document.getElementById('tree-title');
  var sideTree = document.getElementById('side-tree');
  var fDocs = document.getElementById('f-documents');
  var fIssuers = document.getElementById('f-issuers');
  var fFrom = document.getElementById('f-from');
  var fTo = document.getElementById('f-to');
  var fDrafts = document.getElementById('f-drafts');
  var fKb = document.getElementById('f-kb');
  C.knowledgeBaseOptions(fKb);

  var conversationId = null;
  var busy = false;
  var loadedDocument = null;
  var MARKER = /\[(\d+(?:\s*[,，、]\s*\d+)*)\]/g;

  fetch('/api/v1/documents').then(function (r) { return r.json(); }).then(function (body) {
    var issuers = {};
    (body.documents || []).slice().sort(function (a, b) { return a.title.localeCompare(b.title, 'zh'); })
      .forEach(function (d) {
        var o = el('option', null, d.title + (d.docNumber ? '（' + d.docNumber + '）' : '') +
          (d.status === 'DRAFT' ? ' [征求意见稿]' : ''));
        o.value = d.id;
        fDocs.appendChild(o);
        if (d.issuer) issuers[d.issuer] = true;
      });
    Object.keys(issuers).sort().forEach(function (i) {
      var o = el('option', null, i);
      o.value = i;
      fIssuers.appendChild(o);
    });
  });

  function selected(select) {
    return Array.prototype.filter.call(select.options, function (o) { return o.selected; })
      .map(function (o) { return o.value; });
  }

  function filter() {
    var f = { documentIds: selected(fDocs), issuers: selected(fIssuers), dateFrom: fFrom.value || null,
      dateTo: fTo.value || null, includeDrafts: fDrafts.checked };
    var empty = !f.documentIds.length && !f.issuers.length && !f.dateFrom && !f.dateTo && f.includeDrafts;
    return empty ? null : f;
  }

  document.getElementById('ask-new').addEventListener('click', function () {
    conversationId = null;
    conversation.replaceChildren();
    citationList.replaceChildren();
    status.textContent = '已开始新的对话';
    question.focus();
  });

  question.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.requestSubmit();
    }
  });

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var q = question.value.trim();
    if (!q || busy) return;
    ask(q);
  });

  function ask(q) {
    busy = true;
    submit.disabled = true;
    status.textContent = '正在生成回答…';
    var turn = { question: q, answer: '', citations: [] };
    var card = el('article', 'turn');
    card.appendChild(el('p', 'turn-q', q));
    var meta = el('div', 'turn-meta');
    meta.appendChild(el('span', 'badge ai', 'AI生成'));
    var answer = el('div', 'turn-a streaming', '正在查找相关政策条款…');
    card.appendChild(meta);
    card.appendChild(answer);
    conversation.appendChild(card);
    turn.view = { card: card, meta: meta, answer: answer };
    var body = { question: q };
    if (conversationId) body.conversationId = conversationId;
    var f = filter();
    if (f) body.filter = f;
    if (fKb.value) body.knowledgeBase = fKb.value;

    C.session.then(function (session) {
      return fetch('/api/v1/chat/stream', {
        method: 'POST', credentials: 'same-origin',
        headers: C.headers(session, 'POST', { 'Content-Type': 'application/json', 'Accept': 'text/event-stream' }),
        body: JSON.stringify(body)
      });
    }).then(function (r) {
      if (!r.ok) {
        return r.json().then(function (b) { fail(turn, C.errorMessage({ status: r.status, body: b })); },
          function () { fail(turn, '请求失败（' + r.status + '）'); });
      }
      if ((r.headers.get('Content-Type') || '').indexOf('text/event-stream') < 0) {
        return r.json().then(function (final) { finish(turn, final); });
      }
      return readEvents(r.body, function (event, data) { onEvent(turn, event, data); }).then(function () {
        if (!turn.done) fail(turn, '回答中断，请重试');
      });
    }).catch(function () {
      fail(turn, '网络错误，请稍后重试');
    }).then(function () {
      busy = false;
      submit.disabled = false;
    });
  }

  function onEvent(turn, event, data) {
    if (turn.done) return;
    if (event === 'delta') {
      var d = piece(data);
      turn.answer = d.reset ? d.text : turn.answer + d.text;
      renderAnswer(turn);
    } else if (event === 'retract') {
      // an output check stopped the answer: remove what was shown; the replacement follows as new deltas
      turn.answer = '';
      turn.citations = [];
      renderAnswer(turn);
    } else if (event === 'citations') {
      var c = parse(data);
      turn.citations = Array.isArray(c) ? c : (c && c.citations) || [];
      renderAnswer(turn);
    } else if (event === 'done') {
      finish(turn, parse(data) || {});
    } else if (event === 'error') {
      var e = parse(data) || {};
      fail(turn, (e.error || e).message || '生成回答时出错');
    }
  }

  function finish(turn, final) {
    turn.done = true;
    if (final.conversationId) conversationId = final.conversationId;
    if (typeof final.answer === 'string') turn.answer = final.answer;
    if (Array.isArray(final.citations)) turn.citations = final.citations;
    turn.view.answer.classList.remove('streaming');
    renderAnswer(turn);
    if (final.grounded === false) turn.view.meta.appendChild(el('span', 'badge warn', '未找到明确依据'));
    if (final.curated) {
      var reviewed = el('span', 'badge human', '人工审核');
      reviewed.title = '常见问题：由工作人员审核发布的答复';
      turn.view.meta.appendChild(reviewed);
    } else if (final.mode) turn.view.meta.appendChild(el('span', 'badge', '模式：' + final.mode));
    (final.notices || []).forEach(function (n) {
      var text = typeof n === 'string' ? n : (n && (n.message || n.text)) || '';
      if (text) turn.view.card.appendChild(el('p', 'notice', text));
    });
    showCitations(turn);
    status.textContent = final.grounded === false ? '回答已生成（未找到明确依据）' : '回答已生成';
  }

  function fail(turn, message) {
    if (turn.done) return;
    turn.done = true;
    turn.view.answer.classList.remove('streaming');
    turn.view.answer.classList.add('error');
    turn.view.answer.textContent = message;
    status.textContent = message;
  }

  function byIndex(turn, i) {
    for (var k = 0; k < turn.citations.length; k++) if (Number(turn.citations[k].index) === i) return turn.citations[k];
    return null;
  }

  function chip(turn, c) {
    var b = el('button', 'chip', c.clauseLabel || ('引用' + c.index));
    b.type = 'button';
    b.setAttribute('aria-label', '引用' + c.index + '：《' + (c.documentTitle || '') + '》' + (c.clauseLabel || ''));
    b.addEventListener('click', function () {
      showCitations(turn);
      openCitation(c);
    });
    return b;
  }

  function renderAnswer(turn) {
    var target = turn.view.answer;
    var text = turn.answer;
    if (!text) return;
    target.replaceChildren();
    var last = 0;
    var m;
    MARKER.lastIndex = 0;
    while ((m = MARKER.exec(text)) !== null) {
      var found = m[1].split(/\s*[,，、]\s*/).map(function (n) { return byIndex(turn, Number(n)); });
      if (found.some(function (c) { return !c; })) continue;
      if (m.index > last) target.appendChild(document.createTextNode(text.slice(last, m.index)));
      found.forEach(function (c) { target.appendChild(chip(turn, c)); });
      last = m.index + m[0].length;
    }
    if (last < text.length) target.appendChild(document.createTextNode(text.slice(last)));
  }

  function showCitations(turn) {
    citationList.replaceChildren();
    turn.citations.forEach(function (c) {
      var li = el('li', 'citation');
      li.setAttribute('data-document-id', c.documentId);
      var b = el('button', 'citation-open');
      b.type = 'button';
      b.appendChild(el('span', 'chip', c.clauseLabel || ('引用' + c.index)));
      b.appendChild(el('span', 'citation-doc', '《' + (c.documentTitle || '') + '》' + (c.docNumber ? c.docNumber : '')));
      b.addEventListener('click', function () { openCitation(c); });
      li.appendChild(b);
      if (c.clausePath && c.clausePath.length) li.appendChild(el('p', 'citation-path', [].concat(c.clausePath).join(' › ')));
      li.appendChild(el('p', 'citation-text', c.text || ''));
      citationList.appendChild(li);
    });
  }

  function openCitation(c) {
    var show = function () {
      var target = T.highlight(sideTree, c.clauseId, { idPrefix: 'side-', scroller: sideTree });
      if (!target) status.textContent = '该条款在当前文件版本中不存在（文件可能已更新）';
    };
    if (loadedDocument === c.documentId) {
      show();
      return;
    }
    treeTitle.hidden = false;
    treeTitle.textContent = '正在加载《' + (c.documentTitle || '') + '》…';
    fetch('/api/v1/documents/' + encodeURIComponent(c.documentId)).then(function (r) {
      return r.json().then(function (b) { return { ok: r.ok, status: r.status, body: b }; });
    }).then(function (res) {
      if (!res.ok) {
        treeTitle.textContent = C.errorMessage(res, '无法加载文件');
        sideTree.replaceChildren();
        loadedDocument = null;
        return;
      }
      loadedDocument = c.documentId;
      treeTitle.textContent = '《' + res.body.document.title + '》条款结构';
      T.render(sideTree, res.body.tree, { idPrefix: 'side-' });
      show();
    });
  }
}());
