/*!
 * GovAssist citizen chat widget. Embed with one line:
 *   <script src="https://HOST/widget.js" data-title="政策咨询" async></script>
 * Options (data- attributes on that script tag):
 *   data-title        panel title (default 政策咨询)
 *   data-welcome      welcome text
 *   data-suggestions  suggested questions separated by |
 *   data-color        theme colour, any CSS colour (default #b71c1c)
 *   data-position     right (default) or left
 *   data-open         "true": open the panel on load
 *   data-api          API base URL (default: where widget.js was loaded from)
 *   data-knowledge-base  knowledge base id: questions are answered from its documents only, and its welcome
 *                     text and suggested questions (when it has them) replace the defaults
 * Everything renders inside a Shadow DOM; server text is only ever inserted as text.
 * The served widget.js is this file after sse.js (the shared event-stream client), joined by the frontend build.
 */
(function () {
  'use strict';
  if (window.__govassistWidget) return;
  window.__govassistWidget = true;
  var SSE = window.GovAssistSse;
  var json = SSE.json;
  var piece = SSE.piece;
  var readEvents = SSE.readEvents;

  var script = document.currentScript || (function () {
    var all = document.querySelectorAll('script[src*="widget.js"]');
    return all[all.length - 1];
  }());
  var ds = (script && script.dataset) || {};
  var scriptUrl = new URL((script && script.src) || location.href, location.href);
  var API = (ds.api ? new URL(ds.api, location.href).href : scriptUrl.origin).replace(/\/+$/, '');
  if (!/^https?:/.test(API)) API = location.origin;

  var DEFAULT_SUGGESTIONS = '人工智能+医疗由哪些部门负责？|政府信息公开申请应当包括哪些内容？|政务服务智能化要建设哪些系统？';
  var opts = {
    title: ds.title || '政策咨询',
    welcome: ds.welcome || '您好！我是政务智能助手，可以解答政策文件相关问题，并标注回答依据的原文条款。',
    suggestions: (ds.suggestions || DEFAULT_SUGGESTIONS).split('|').map(function (s) { return s.trim(); })
      .filter(Boolean).slice(0, 6),
    color: ds.color && window.CSS && CSS.supports('color', ds.color) ? ds.color : '',
    position: ds.position === 'left' ? 'left' : 'right',
    open: ds.open === 'true',
    knowledgeBase: /^[a-z0-9][a-z0-9-]{0,63}$/.test(ds.knowledgeBase || '') ? ds.knowledgeBase : ''
  };
  var STORE_KEY = 'govassist.widget:' + API + (opts.knowledgeBase ? '#' + opts.knowledgeBase : '');
  var A11Y_KEY = 'govassist.widget.large';
  var MAX_TURNS = 30;
  /* how often a 转人工 ticket is asked for its reply; data-handoff-poll-seconds overrides (tests) */
  var HANDOFF_POLL_MS = Math.max(1, Number(ds.handoffPollSeconds) || 10) * 1000;
  var MAX_QUESTION = 1000;

  var CSS_TEXT = [
    ':host{all:initial!important;position:fixed!important;z-index:2147483000!important;display:block!important}',
    '.ga{--ga-accent:#b71c1c;--ga-bg:#fff;--ga-fg:#1f2328;--ga-muted:#5b6169;--ga-soft:#f4f5f7;--ga-line:#d8dbe0;',
    '--ga-chip:#fdecea;--ga-chip-fg:#8e1212;--ga-focus:#f9a825;font:15px/1.6 "PingFang SC","Microsoft YaHei",',
    '"Noto Sans CJK SC","Source Han Sans SC",sans-serif;color:var(--ga-fg);letter-spacing:normal;text-align:left}',
    '.ga *{box-sizing:border-box;font:inherit;color:inherit;letter-spacing:inherit}',
    '.ga button{cursor:pointer;border:1px solid transparent;background:none;border-radius:6px;padding:4px 8px;margin:0}',
    '.ga button:focus-visible,.ga textarea:focus-visible,.ga a:focus-visible,.ga [tabindex]:focus-visible{',
    'outline:3px solid var(--ga-focus);outline-offset:2px}',
    '.ga-launcher{position:fixed;bottom:24px;right:24px;display:flex;align-items:center;gap:8px;',
    'background:var(--ga-accent)!important;color:#fff!important;border-radius:28px!important;padding:12px 20px!important;',
    'font-size:16px!important;font-weight:600!important;box-shadow:0 6px 20px rgba(0,0,0,.25)}',
    '.ga[data-pos=left] .ga-launcher{right:auto;left:24px}',
    '.ga-launcher svg{width:22px;height:22px;fill:currentColor}',
    '.ga-panel{position:fixed;bottom:24px;right:24px;width:400px;max-width:calc(100vw - 32px);height:620px;',
    'max-height:calc(100vh - 48px);display:flex;flex-direction:column;background:var(--ga-bg);border-radius:12px;',
    'box-shadow:0 12px 40px rgba(0,0,0,.3);overflow:hidden;border:1px solid var(--ga-line)}',
    '.ga[data-pos=left] .ga-panel{right:auto;left:24px}',
    '.ga-panel[hidden],.ga [hidden]{display:none!important}',
    '.ga-head{display:flex;align-items:center;gap:6px;background:var(--ga-accent);color:#fff;padding:10px 12px}',
    '.ga-head h2{flex:1;margin:0;font-size:17px;font-weight:700;color:#fff}',
    '.ga-head button{color:#fff;border-color:rgba(255,255,255,.55);font-size:13px}',
    '.ga-head button[aria-pressed=true]{background:#fff;color:var(--ga-accent)}',
    '.ga-head .ga-close{font-size:20px;line-height:1;padding:2px 9px;border-color:transparent}',
    '.ga-log{flex:1;overflow-y:auto;padding:14px;background:var(--ga-soft);display:flex;flex-direction:column;gap:12px}',
    '.ga-msg{max-width:92%;border-radius:10px;padding:10px 12px;word-break:break-word}',
    '.ga-user{align-self:flex-end;background:var(--ga-accent);color:#fff;white-space:pre-wrap}',
    '.ga-bot{align-self:flex-start;background:var(--ga-bg);border:1px solid var(--ga-line)}',
    '.ga-welcome p{margin:0 0 8px}',
    '.ga-sugs{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:6px}',
    '.ga-sug{width:100%;text-align:left;border-color:var(--ga-line)!important;background:var(--ga-soft)!important;',
    'color:var(--ga-accent)!important}',
    '.ga-meta{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin-bottom:6px;font-size:12px}',
    '.ga-ai{background:#37474f;color:#fff;border-radius:4px;padding:0 6px;font-weight:600}',
    '.ga-warn{background:#fff3e0;color:#8a4b00;border-radius:4px;padding:0 6px}',
    '.ga-answer{white-space:pre-wrap}',
    '.ga-answer.ga-streaming::after{content:"▍";animation:ga-blink 1s steps(2) infinite}',
    '@keyframes ga-blink{50%{opacity:0}}',
    '.ga-chip{display:inline-block;background:var(--ga-chip)!important;color:var(--ga-chip-fg)!important;',
    'border:1px solid currentColor!important;border-radius:12px!important;padding:0 7px!important;font-size:12px!important;',
    'line-height:1.6!important;margin:0 2px!important;vertical-align:baseline;font-weight:600;white-space:nowrap}',
    '.ga-cites{margin:8px 0 0;padding:8px 0 0;border-top:1px dashed var(--ga-line);list-style:none;font-size:13px}',
    '.ga-cites li{margin:3px 0;color:var(--ga-muted)}',
    '.ga-notices{margin:6px 0 0;padding:0 0 0 18px;font-size:12px;color:var(--ga-muted)}',
    '.ga-actions{display:flex;flex-wrap:wrap;gap:4px;margin-top:8px}',
    '.ga-human-box{margin-top:8px}',
    '.ga-offer{margin:4px 0;color:var(--ga-muted);font-size:13px}',
    '.ga-handoff-offered{border-color:var(--ga-accent);color:var(--ga-accent)}',
    '.ga-human{margin-top:6px;padding:8px;border-left:4px solid #2e7d32;background:#e8f5e9;border-radius:4px}',
    '.ga-human-label{display:inline-block;font-size:12px;font-weight:bold;color:#fff;background:#2e7d32;border-radius:4px;padding:0 6px}',
    '.ga-human p{margin:4px 0 0}',
    '.ga-handoff-status{font-size:13px;color:var(--ga-muted)}',
    '.ga-actions button{border-color:var(--ga-line);font-size:13px;color:var(--ga-muted)}',
    '.ga-actions button[aria-pressed=true]{background:var(--ga-chip);color:var(--ga-chip-fg);border-color:currentColor}',
    '.ga-fb{display:flex;gap:4px;margin-top:6px;width:100%}',
    '.ga-fb input{flex:1;border:1px solid var(--ga-line);border-radius:6px;padding:4px 6px;background:var(--ga-bg)}',
    '.ga-error{color:#b00020}',
    '.ga-status{margin:0;padding:0 14px;min-height:0;font-size:12px;color:var(--ga-muted)}',
    '.ga-form{display:flex;gap:8px;padding:10px 12px;border-top:1px solid var(--ga-line);background:var(--ga-bg)}',
    '.ga-form textarea{flex:1;resize:none;border:1px solid var(--ga-line);border-radius:8px;padding:8px;',
    'min-height:44px;max-height:140px;background:var(--ga-bg)}',
    '.ga-send{background:var(--ga-accent)!important;color:#fff!important;font-weight:600;padding:0 16px!important}',
    '.ga-send:disabled{opacity:.55;cursor:not-allowed}',
    '.ga-foot{margin:0;padding:0 12px 8px;font-size:11px;color:var(--ga-muted);background:var(--ga-bg)}',
    '.ga-pop{position:absolute;left:10px;right:10px;bottom:10px;max-height:75%;overflow-y:auto;background:var(--ga-bg);',
    'border:2px solid var(--ga-accent);border-radius:10px;padding:12px 14px;box-shadow:0 8px 30px rgba(0,0,0,.3)}',
    '.ga-pop h3{margin:0 28px 4px 0;font-size:15px}',
    '.ga-pop dl{margin:6px 0;font-size:13px;display:grid;grid-template-columns:auto 1fr;gap:2px 8px}',
    '.ga-pop dt{color:var(--ga-muted)}.ga-pop dd{margin:0}',
    '.ga-pop blockquote{margin:8px 0;padding:8px 10px;background:var(--ga-soft);border-left:4px solid var(--ga-accent);',
    'white-space:pre-wrap}',
    '.ga-pop a{color:var(--ga-accent);font-weight:600}',
    '.ga-pop .ga-x{position:absolute;top:6px;right:6px;font-size:18px;line-height:1}',
    '.ga-sr{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}',
    /* 适老化: large text and high contrast */
    '.ga.ga-large{--ga-accent:#ffd600;--ga-bg:#000;--ga-fg:#fff;--ga-muted:#fff;--ga-soft:#111;--ga-line:#fff;',
    '--ga-chip:#000;--ga-chip-fg:#ffd600;--ga-focus:#00e5ff;font-size:20px;line-height:1.7}',
    '.ga-large .ga-panel{width:520px}',
    '.ga-large .ga-head,.ga-large .ga-head h2,.ga-large .ga-launcher{color:#000!important}',
    '.ga-large .ga-head h2{font-size:22px}',
    '.ga-large .ga-head button{color:#000;border-color:#000}',
    '.ga-large .ga-head button[aria-pressed=true]{background:#000;color:#ffd600}',
    '.ga-large .ga-launcher{font-size:20px!important}',
    '.ga-large .ga-user{color:#000;font-weight:600}',
    '.ga-large .ga-send{color:#000!important}',
    '.ga-large .ga-chip,.ga-large .ga-actions button,.ga-large .ga-head button,.ga-large .ga-foot,.ga-large .ga-meta,',
    '.ga-large .ga-cites,.ga-large .ga-notices,.ga-large .ga-status{font-size:17px!important}',
    '.ga-large .ga-ai{background:#fff;color:#000}',
    '.ga-large .ga-warn{background:#ffd600;color:#000}',
    '.ga-large .ga-error{color:#ff8a80}',
    /* narrow screens: the panel takes the whole screen */
    '@media (max-width:640px){.ga-panel,.ga[data-pos=left] .ga-panel,.ga-large .ga-panel{left:0;right:0;top:0;bottom:0;',
    'width:100%;max-width:none;height:100%;max-height:none;border-radius:0;border:0}',
    '.ga-launcher{bottom:16px;right:16px}.ga-open .ga-launcher{display:none}}',
    '@media (prefers-reduced-motion:reduce){.ga-answer.ga-streaming::after{animation:none}}'
  ].join('\n');

  /* ---------- small DOM helpers: text only, never HTML ---------- */
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v == null || v === false) return;
        if (k === 'text') e.textContent = v;
        else if (k === 'class') e.className = v;
        else e.setAttribute(k, v === true ? '' : String(v));
      });
    }
    (children || []).forEach(function (c) {
      if (c != null) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return e;
  }

  function storage(kind) {
    try {
      var s = window[kind];
      var probe = '__ga';
      s.setItem(probe, probe);
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null;
    }
  }
  var session = storage('sessionStorage');
  var local = storage('localStorage');

  function loadState() {
    try {
      var raw = session && session.getItem(STORE_KEY);
      var s = raw ? JSON.parse(raw) : null;
      if (s && Array.isArray(s.turns)) return s;
    } catch (e) { /* corrupt entry: start over */ }
    return { conversationId: null, turns: [] };
  }

  function saveState() {
    if (!session) return;
    var turns = state.turns.filter(function (t) { return !t.pending; }).slice(-MAX_TURNS).map(function (t) {
      return { question: t.question, answer: t.answer, citations: t.citations, grounded: t.grounded, mode: t.mode,
        notices: t.notices, error: t.error, rating: t.rating, commented: t.commented, turnId: t.turnId,
        redirect: t.redirect, handoff: t.handoff, curated: t.curated };
    });
    try {
      session.setItem(STORE_KEY, JSON.stringify({ conversationId: state.conversationId, turns: turns }));
    } catch (e) { /* quota: the conversation still works, it just will not survive a reload */ }
  }

  var state = loadState();

  /* ---------- shadow DOM ---------- */
  var host = document.createElement('govassist-widget');
  var shadow = host.attachShadow({ mode: 'open' });
  if ('adoptedStyleSheets' in shadow && window.CSSStyleSheet && CSSStyleSheet.prototype.replaceSync) {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS_TEXT);
    shadow.adoptedStyleSheets = [sheet];
  } else {
    shadow.appendChild(el('style', { text: CSS_TEXT }));
  }

  var root = el('div', { class: 'ga', 'data-pos': opts.position, lang: 'zh-CN' });
  if (opts.color) root.style.setProperty('--ga-accent', opts.color);

  var chatIcon = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  chatIcon.setAttribute('viewBox', '0 0 24 24');
  chatIcon.setAttribute('aria-hidden', 'true');
  var iconPath = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  iconPath.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6v2h2V9H7zm4 0v2h2V9h-2zm4 0v2h2V9h-2z');
  chatIcon.appendChild(iconPath);

  var launcher = el('button', { type: 'button', class: 'ga-launcher', 'aria-expanded': 'false',
    'aria-controls': 'ga-panel', 'aria-label': '打开' + opts.title + '对话窗口' }, [chatIcon, el('span', { text: opts.title })]);

  var largeBtn = el('button', { type: 'button', class: 'ga-large-toggle', 'aria-pressed': 'false',
    title: '大字号、高对比度显示', text: '大字' });
  var newBtn = el('button', { type: 'button', class: 'ga-new', title: '清空记录，开始新对话', text: '新对话' });
  var closeBtn = el('button', { type: 'button', class: 'ga-close', 'aria-label': '关闭对话窗口', text: '×' });
  var title = el('h2', { id: 'ga-title', text: opts.title });
  var head = el('header', { class: 'ga-head' }, [title, largeBtn, newBtn, closeBtn]);

  var log = el('div', { class: 'ga-log', role: 'log', 'aria-live': 'polite', 'aria-label': '对话记录', tabindex: '0' });
  var status = el('p', { class: 'ga-status', role: 'status', 'aria-live': 'polite' });
  var input = el('textarea', { id: 'ga-input', rows: '2', maxlength: String(MAX_QUESTION),
    placeholder: '请输入您的问题（Enter 发送，Shift+Enter 换行）', 'aria-label': '输入您的问题' });
  var send = el('button', { type: 'submit', class: 'ga-send', text: '发送' });
  var form = el('form', { class: 'ga-form', 'aria-label': '提问' }, [input, send]);
  var foot = el('p', { class: 'ga-foot', text: '回答由人工智能根据已加载的政策文件生成，仅供参考，请以正式发布的文件为准。' });

  var pop = el('div', { class: 'ga-pop', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'ga-pop-title',
    hidden: true });
  var panel = el('section', { class: 'ga-panel', id: 'ga-panel', role: 'dialog', 'aria-labelledby': 'ga-title',
    hidden: true }, [head, log, status, form, foot, pop]);
  root.appendChild(launcher);
  root.appendChild(panel);
  shadow.appendChild(root);

  /* ---------- 适老化 mode ---------- */
  function setLarge(on, remember) {
    root.classList.toggle('ga-large', on);
    largeBtn.setAttribute('aria-pressed', on ? 'true' : 'false');
    largeBtn.textContent = on ? '标准字' : '大字';
    if (remember && local) {
      try { local.setItem(A11Y_KEY, on ? '1' : '0'); } catch (e) { /* ignore */ }
    }
  }
  setLarge(!!(local && local.getItem(A11Y_KEY) === '1'), false);
  largeBtn.addEventListener('click', function () { setLarge(!root.classList.contains('ga-large'), true); });

  /* ---------- open / close ---------- */
  function openPanel() {
    panel.hidden = false;
    root.classList.add('ga-open');
    launcher.setAttribute('aria-expanded', 'true');
    scrollToEnd();
    input.focus();
  }
  function closePanel() {
    closePop(false);
    panel.hidden = true;
    root.classList.remove('ga-open');
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  }
  launcher.addEventListener('click', function () { if (panel.hidden) openPanel(); else closePanel(); });
  closeBtn.addEventListener('click', closePanel);
  panel.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') {
      e.stopPropagation();
      if (!pop.hidden) closePop(true); else closePanel();
    }
  });

  function scrollToEnd() { log.scrollTop = log.scrollHeight; }

  /* ---------- rendering ---------- */
  var MARKER = /\[(\d+(?:\s*[,，、]\s*\d+)*)\]/g;

  function citationByIndex(turn, index) {
    var list = turn.citations || [];
    for (var i = 0; i < list.length; i++) if (Number(list[i].index) === index) return list[i];
    return null;
  }

  function chip(turn, c) {
    var label = c.clauseLabel || ('引用' + c.index);
    var b = el('button', { type: 'button', class: 'ga-chip', 'data-index': c.index,
      'aria-label': '引用' + c.index + '：《' + (c.documentTitle || '') + '》' + label + '，查看条款原文',
      'aria-haspopup': 'dialog', text: label });
    b.addEventListener('click', function () { openPop(c, b); });
    return b;
  }

  /** The answer as text nodes, with [n] markers that name a known citation turned into chips. */
  function renderAnswer(target, turn, text) {
    target.replaceChildren();
    var last = 0;
    var m;
    MARKER.lastIndex = 0;
    while ((m = MARKER.exec(text)) !== null) {
      var nums = m[1].split(/\s*[,，、]\s*/).map(Number);
      var found = nums.map(function (n) { return citationByIndex(turn, n); });
      if (found.some(function (c) { return !c; })) continue;
      if (m.index > last) target.appendChild(document.createTextNode(text.slice(last, m.index)));
      found.forEach(function (c) { target.appendChild(chip(turn, c)); });
      last = m.index + m[0].length;
    }
    if (last < text.length) target.appendChild(document.createTextNode(text.slice(last)));
  }

  function plainAnswer(turn) {
    return (turn.answer || '').replace(MARKER, function (all, nums) {
      var ok = nums.split(/\s*[,，、]\s*/).every(function (n) { return citationByIndex(turn, Number(n)); });
      return ok ? '' : all;
    });
  }

  function citationLine(c) {
    return '《' + (c.documentTitle || '') + '》' + (c.clauseLabel || '') + (c.docNumber ? '（' + c.docNumber + '）' : '');
  }

  function renderCitations(list, turn) {
    list.replaceChildren();
    var cites = turn.citations || [];
    list.hidden = cites.length === 0;
    if (!cites.length) return;
    list.appendChild(el('li', { text: '引用条款：' }));
    cites.forEach(function (c) {
      list.appendChild(el('li', null, [chip(turn, c), ' ', citationLine(c)]));
    });
  }

  function renderTurn(turn) {
    var user = el('div', { class: 'ga-msg ga-user' }, [el('span', { class: 'ga-sr', text: '您的问题：' }), turn.question]);
    var meta = el('div', { class: 'ga-meta' }, [el('span', { class: 'ga-ai', text: 'AI生成' })]);
    var answer = el('div', { class: 'ga-answer' });
    var cites = el('ol', { class: 'ga-cites', 'aria-label': '引用条款', hidden: true });
    var notices = el('ul', { class: 'ga-notices', hidden: true });
    var actions = el('div', { class: 'ga-actions', hidden: true });
    var human = el('div', { class: 'ga-human-box', hidden: true });
    var bot = el('article', { class: 'ga-msg ga-bot', 'aria-label': '助手的回答' },
      [el('span', { class: 'ga-sr', text: '助手回答：' }), meta, answer, cites, notices, actions, human]);
    log.appendChild(user);
    log.appendChild(bot);
    turn.view = { bot: bot, meta: meta, answer: answer, cites: cites, notices: notices, actions: actions, human: human };
    updateTurn(turn);
    return turn.view;
  }

  function updateTurn(turn) {
    var v = turn.view;
    if (turn.error) {
      v.answer.className = 'ga-answer ga-error';
      v.answer.textContent = turn.error;
      v.meta.hidden = true;
      v.actions.hidden = true;
      return;
    }
    v.meta.hidden = false;
    v.answer.className = 'ga-answer' + (turn.pending ? ' ga-streaming' : '');
    if (turn.pending && !turn.answer) v.answer.textContent = '正在查找相关政策条款…';
    else renderAnswer(v.answer, turn, turn.answer || '');
    if (!turn.pending) {
      var warn = v.meta.querySelector('.ga-warn');
      if (turn.grounded === false && !warn) {
        v.meta.appendChild(el('span', { class: 'ga-warn', text: turn.redirect
          ? '此类问题需通过办事渠道或人工办理' : '已加载的文件中未找到明确依据' }));
      }
      if (turn.curated && !v.meta.querySelector('.ga-reviewed')) {
        var ai = v.meta.querySelector('.ga-ai');
        if (ai) ai.hidden = true; // written by staff, not generated
        v.meta.appendChild(el('span', { class: 'ga-human-label ga-reviewed', text: '人工审核',
          title: '常见问题：由工作人员审核发布的答复' }));
      }
      renderCitations(v.cites, turn);
      v.notices.replaceChildren();
      (turn.notices || []).forEach(function (n) {
        var text = typeof n === 'string' ? n : (n && (n.message || n.text)) || '';
        if (text) v.notices.appendChild(el('li', { text: text }));
      });
      v.notices.hidden = !v.notices.children.length;
      renderActions(turn);
    }
  }

  /* ---------- copy, read aloud, feedback ---------- */
  function renderActions(turn) {
    var v = turn.view;
    v.actions.replaceChildren();
    v.actions.hidden = false;
    var copy = el('button', { type: 'button', class: 'ga-copy', text: '复制' });
    copy.addEventListener('click', function () { copyText(turn, copy); });
    v.actions.appendChild(copy);
    if ('speechSynthesis' in window && window.SpeechSynthesisUtterance) {
      var speak = el('button', { type: 'button', class: 'ga-speak', 'aria-pressed': 'false', text: '朗读' });
      speak.addEventListener('click', function () { readAloud(turn, speak); });
      v.actions.appendChild(speak);
    }
    if (turn.turnId) {
      var up = el('button', { type: 'button', class: 'ga-up', 'aria-pressed': String(turn.rating === 'up'),
        title: '回答有帮助', text: '👍 有帮助' });
      var down = el('button', { type: 'button', class: 'ga-down', 'aria-pressed': String(turn.rating === 'down'),
        title: '回答没有帮助', text: '👎 没帮助' });
      up.addEventListener('click', function () { rate(turn, 'up', null); });
      down.addEventListener('click', function () { rate(turn, 'down', null); });
      v.actions.appendChild(up);
      v.actions.appendChild(down);
      if (turn.rating === 'down' && !turn.commented) {
        var box = el('input', { type: 'text', maxlength: '500', 'aria-label': '哪里不对？（可选）',
          placeholder: '哪里不对？（可选）' });
        var submit = el('button', { type: 'button', class: 'ga-fb-send', text: '提交' });
        submit.addEventListener('click', function () {
          if (box.value.trim()) rate(turn, 'down', box.value.trim());
        });
        box.addEventListener('keydown', function (e) {
          if (e.key === 'Enter') { e.preventDefault(); submit.click(); }
        });
        v.actions.appendChild(el('div', { class: 'ga-fb' }, [box, submit]));
      }
    }
    if (turn.feedbackNote) v.actions.appendChild(el('span', { class: 'ga-fb-note', role: 'status', text: turn.feedbackNote }));
    renderHandoff(turn);
  }

  /* ---------- 转人工: hand the question to staff, show their reply labelled 人工回复 ---------- */
  function renderHandoff(turn) {
    var v = turn.view;
    if (!v || !turn.turnId) return;
    v.human.replaceChildren();
    var h = turn.handoff;
    if (!h) {
      var offered = turn.redirect || turn.grounded === false || turn.rating === 'down';
      if (offered) v.human.appendChild(el('p', { class: 'ga-offer', text: '需要工作人员为您解答吗？' }));
      var start = el('button', { type: 'button', class: 'ga-handoff' + (offered ? ' ga-handoff-offered' : ''),
        text: '转人工' });
      start.addEventListener('click', function () { handoffForm(turn); });
      v.human.appendChild(start);
    } else {
      if (h.reply) {
        v.human.appendChild(el('div', { class: 'ga-human', role: 'note', 'aria-label': '人工回复' }, [
          el('span', { class: 'ga-human-label', text: '人工回复' }), el('p', { text: h.reply.text })]));
      } else {
        v.human.appendChild(el('p', { class: 'ga-handoff-status', role: 'status', text: h.status === 'CLOSED'
          ? '人工服务工单已关闭。' : '已转人工，工作人员回复后将显示在这里。' }));
      }
    }
    v.human.hidden = false;
  }

  function handoffForm(turn) {
    var v = turn.view;
    v.human.replaceChildren();
    var contact = el('input', { type: 'text', maxlength: '100', class: 'ga-contact', 'aria-label': '联系方式（选填）',
      placeholder: '联系方式（选填，如手机号）' });
    var submit = el('button', { type: 'button', class: 'ga-handoff-send', text: '提交给工作人员' });
    var note = el('span', { class: 'ga-fb-note', role: 'status' });
    submit.addEventListener('click', function () {
      submit.disabled = true;
      var body = { conversationId: state.conversationId, question: turn.question };
      if (contact.value.trim()) body.contact = contact.value.trim();
      fetch(API + '/api/v1/chat/handoff', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
      }).then(function (r) {
        if (!r.ok) return errorOf(r).then(function (msg) { throw new Error(msg); });
        return r.json();
      }).then(function (t) {
        turn.handoff = { ticketId: t.ticketId, status: t.status, reply: null };
        saveState();
        renderHandoff(turn);
        announce('已转人工，工作人员回复后将显示在对话中');
        schedulePoll();
      }).catch(function (e) {
        submit.disabled = false;
        note.textContent = (e && e.message) || '转人工失败，请稍后重试';
      });
    });
    v.human.appendChild(el('div', { class: 'ga-fb' }, [contact, submit]));
    v.human.appendChild(note);
    v.human.hidden = false;
    contact.focus();
  }

  var pollTimer = null;
  function waitingTurns() {
    return state.turns.filter(function (t) { return t.handoff && !t.handoff.reply && t.handoff.status !== 'CLOSED'; });
  }
  function pollHandoffs() {
    pollTimer = null;
    var waiting = waitingTurns();
    if (!waiting.length) return;
    Promise.all(waiting.map(function (turn) {
      return fetch(API + '/api/v1/chat/handoff/' + encodeURIComponent(turn.handoff.ticketId)).then(function (r) {
        if (r.status === 404) { turn.handoff.status = 'CLOSED'; return; }
        if (!r.ok) return;
        return r.json().then(function (t) {
          var had = !!turn.handoff.reply;
          turn.handoff.status = t.status;
          turn.handoff.reply = t.reply || null;
          if (turn.view) renderHandoff(turn);
          if (!had && t.reply) announce('收到人工回复');
        });
      }).catch(function () { /* offline: try again later */ });
    })).then(function () {
      saveState();
      schedulePoll();
    });
  }
  function schedulePoll() {
    if (pollTimer || !waitingTurns().length) return;
    pollTimer = setTimeout(pollHandoffs, HANDOFF_POLL_MS);
  }

  function copyText(turn, button) {
    var text = plainAnswer(turn).trim();
    if (turn.citations && turn.citations.length) {
      text += '\n\n引用条款：\n' + turn.citations.map(function (c) { return '[' + c.index + '] ' + citationLine(c); }).join('\n');
    }
    var done = function () {
      button.textContent = '已复制';
      announce('回答已复制到剪贴板');
      setTimeout(function () { button.textContent = '复制'; }, 2000);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { legacyCopy(text) && done(); });
    } else if (legacyCopy(text)) {
      done();
    }
  }

  function legacyCopy(text) {
    var area = el('textarea', { class: 'ga-sr', 'aria-hidden': 'true' });
    area.value = text;
    root.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    root.removeChild(area);
    if (!ok) announce('无法自动复制，请手动选择文字复制');
    return ok;
  }

  var speaking = null;
  function readAloud(turn, button) {
    var synth = window.speechSynthesis;
    if (speaking === button) {
      synth.cancel();
      return;
    }
    synth.cancel();
    var u = new SpeechSynthesisUtterance(plainAnswer(turn));
    u.lang = 'zh-CN';
    u.rate = root.classList.contains('ga-large') ? 0.85 : 1;
    var reset = function () {
      button.setAttribute('aria-pressed', 'false');
      button.textContent = '朗读';
      if (speaking === button) speaking = null;
    };
    u.onend = reset;
    u.onerror = reset;
    speaking = button;
    button.setAttribute('aria-pressed', 'true');
    button.textContent = '停止朗读';
    synth.speak(u);
  }

  function rate(turn, rating, comment) {
    if (!state.conversationId || !turn.turnId) return;
    turn.rating = rating;
    turn.feedbackNote = '正在提交反馈…';
    renderActions(turn);
    var body = { conversationId: state.conversationId, turnId: turn.turnId, rating: rating };
    if (comment) body.comment = comment;
    fetch(API + '/api/v1/chat/feedback', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
    }).then(function (r) {
      if (!r.ok) return errorOf(r).then(function (msg) { throw new Error(msg); });
      if (comment) turn.commented = true;
      turn.feedbackNote = comment ? '感谢您的意见！' : (rating === 'up' ? '感谢您的反馈！' : '感谢反馈，我们会改进。');
    }).catch(function (e) {
      turn.feedbackNote = '反馈提交失败：' + (e && e.message ? e.message : '网络错误');
    }).then(function () {
      renderActions(turn);
      saveState();
    });
  }

  /* ---------- citation popover ---------- */
  var popReturn = null;
  function openPop(c, from) {
    popReturn = from;
    pop.replaceChildren();
    var x = el('button', { type: 'button', class: 'ga-x', 'aria-label': '关闭条款原文', text: '×' });
    x.addEventListener('click', function () { closePop(true); });
    var link = el('a', { href: documentUrl(c), target: '_blank', rel: 'noopener', class: 'ga-doc-link',
      text: '查看文件原文（定位到该条款）' });
    var dl = el('dl');
    dl.appendChild(el('dt', { text: '条款' }));
    dl.appendChild(el('dd', { class: 'ga-pop-label', text: c.clauseLabel || '' }));
    if (c.docNumber) {
      dl.appendChild(el('dt', { text: '文号' }));
      dl.appendChild(el('dd', { class: 'ga-pop-docno', text: c.docNumber }));
    }
    var path = Array.isArray(c.clausePath) ? c.clausePath.join(' › ') : (c.clausePath || '');
    if (path) {
      dl.appendChild(el('dt', { text: '位置' }));
      dl.appendChild(el('dd', { class: 'ga-pop-path', text: path }));
    }
    pop.appendChild(x);
    pop.appendChild(el('h3', { id: 'ga-pop-title', class: 'ga-pop-title', text: '《' + (c.documentTitle || '') + '》' }));
    pop.appendChild(dl);
    pop.appendChild(el('blockquote', { class: 'ga-pop-text', text: c.text || '' }));
    pop.appendChild(link);
    pop.hidden = false;
    x.focus();
  }

  function closePop(restoreFocus) {
    if (pop.hidden) return;
    pop.hidden = true;
    pop.replaceChildren();
    if (restoreFocus && popReturn && popReturn.isConnected) popReturn.focus();
    popReturn = null;
  }

  pop.addEventListener('keydown', function (e) {
    if (e.key !== 'Tab') return;
    var items = pop.querySelectorAll('button, a[href]');
    var first = items[0];
    var last = items[items.length - 1];
    var active = shadow.activeElement;
    if (e.shiftKey && active === first) { e.preventDefault(); last.focus(); }
    else if (!e.shiftKey && active === last) { e.preventDefault(); first.focus(); }
  });

  function documentUrl(c) {
    return API + '/document.html?id=' + encodeURIComponent(c.documentId || '') +
      '#clause=' + encodeURIComponent(c.clauseId || '');
  }

  /* ---------- welcome and suggested questions ---------- */
  var welcome = null;
  function renderWelcome() {
    var list = el('ul', { class: 'ga-sugs', 'aria-label': '推荐问题' });
    opts.suggestions.forEach(function (q) {
      var b = el('button', { type: 'button', class: 'ga-sug', text: q });
      b.addEventListener('click', function () { ask(q); });
      list.appendChild(el('li', null, [b]));
    });
    var fresh = el('div', { class: 'ga-msg ga-bot ga-welcome' }, [el('p', { text: opts.welcome }),
      opts.suggestions.length ? el('p', { text: '您可以这样问：' }) : null, list]);
    if (welcome && welcome.parentNode === log) log.replaceChild(fresh, welcome);
    else log.insertBefore(fresh, log.firstChild);
    welcome = fresh;
  }

  /* the knowledge base's own welcome text and suggested questions, when the script tag names one */
  function loadKnowledgeBase() {
    if (!opts.knowledgeBase) return;
    fetch(API + '/api/v1/knowledge-bases/' + encodeURIComponent(opts.knowledgeBase)).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (kb) {
      if (!kb) return;
      if (kb.welcome) opts.welcome = String(kb.welcome);
      if (kb.suggestedQuestions && kb.suggestedQuestions.length) {
        opts.suggestions = kb.suggestedQuestions.map(String).filter(Boolean).slice(0, 6);
      }
      renderWelcome();
    }).catch(function () { /* keep the defaults */ });
  }

  function renderAll() {
    log.replaceChildren();
    renderWelcome();
    state.turns.forEach(renderTurn);
  }

  newBtn.addEventListener('click', function () {
    if (current) current.abort();
    if (window.speechSynthesis) window.speechSynthesis.cancel();
    state = { conversationId: null, turns: [] };
    saveState();
    closePop(false);
    renderAll();
    announce('已开始新的对话');
    input.focus();
  });

  function announce(text) {
    status.textContent = '';
    setTimeout(function () { status.textContent = text; }, 30);
  }

  /* ---------- asking: SSE over fetch ---------- */
  var current = null;

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    ask(input.value);
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      ask(input.value);
    }
  });

  function ask(text) {
    var question = (text || '').trim();
    if (!question || current) return;
    if (question.length > MAX_QUESTION) {
      announce('问题过长，最多 ' + MAX_QUESTION + ' 个字');
      return;
    }
    if (panel.hidden) openPanel();
    input.value = '';
    var turn = { question: question, answer: '', citations: [], pending: true };
    state.turns.push(turn);
    renderTurn(turn);
    scrollToEnd();
    setBusy(true);
    announce('正在生成回答…');
    var controller = window.AbortController ? new AbortController() : null;
    current = { abort: function () { if (controller) controller.abort(); } };
    var request = state.conversationId
      ? { question: question, conversationId: state.conversationId } : { question: question };
    if (opts.knowledgeBase) request.knowledgeBase = opts.knowledgeBase;
    var body = JSON.stringify(request);
    fetch(API + '/api/v1/chat/stream', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'text/event-stream' },
      body: body,
      signal: controller ? controller.signal : undefined
    }).then(function (r) {
      if (!r.ok) return errorOf(r).then(function (msg) { fail(turn, msg); });
      var type = r.headers.get('Content-Type') || '';
      if (type.indexOf('text/event-stream') < 0 || !r.body || !r.body.getReader) {
        return r.json().then(function (final) { finish(turn, final); });
      }
      return readEvents(r.body, function (event, data) { onEvent(turn, event, data); }).then(function () {
        if (turn.pending) fail(turn, '回答中断，请重试');
      });
    }).catch(function (err) {
      if (err && err.name === 'AbortError') { fail(turn, '已停止生成'); return; }
      fail(turn, '暂时无法连接政策咨询服务（网络错误，或本网站未获授权嵌入此服务），请稍后重试。');
    }).then(function () {
      current = null;
      setBusy(false);
    });
  }

  function setBusy(busy) {
    send.disabled = busy;
    log.setAttribute('aria-busy', busy ? 'true' : 'false');
  }

  function onEvent(turn, event, data) {
    if (!turn.pending) return;
    if (event === 'delta') {
      var d = piece(data);
      turn.answer = d.reset ? d.text : turn.answer + d.text;
      updateTurn(turn);
      scrollToEnd();
    } else if (event === 'retract') {
      // an output check stopped the answer: remove what was shown; the replacement follows as new deltas
      turn.answer = '';
      turn.citations = [];
      updateTurn(turn);
      announce(((json(data) || {}).message) || '回答已撤回');
    } else if (event === 'citations') {
      var parsed = json(data);
      turn.citations = Array.isArray(parsed) ? parsed : (parsed && parsed.citations) || [];
      updateTurn(turn);
    } else if (event === 'done') {
      finish(turn, json(data) || {});
    } else if (event === 'error') {
      var e = json(data) || {};
      var err = e.error || e;
      fail(turn, err.message || '生成回答时出错，请稍后重试');
    }
  }

  function finish(turn, final) {
    if (final.conversationId) state.conversationId = final.conversationId;
    if (typeof final.answer === 'string') turn.answer = final.answer;
    if (Array.isArray(final.citations)) turn.citations = final.citations;
    turn.grounded = final.grounded;
    turn.mode = final.mode;
    turn.notices = final.notices || [];
    turn.redirect = final.redirect || null;
    turn.curated = final.curated || null;
    if (final.turnId) turn.turnId = final.turnId;
    turn.pending = false;
    updateTurn(turn);
    saveState();
    announce(turn.grounded === false ? '回答已生成：已加载的文件中未找到明确依据' : '回答已生成');
    scrollToEnd();
  }

  function fail(turn, message) {
    if (!turn.pending) return;
    turn.pending = false;
    turn.error = message;
    updateTurn(turn);
    announce(message);
    scrollToEnd();
  }

  function errorOf(response) {
    return response.json().then(function (b) {
      return (b && b.error && b.error.message) || ('服务暂时不可用（' + response.status + '）');
    }, function () { return '服务暂时不可用（' + response.status + '）'; });
  }

  /* ---------- start ---------- */
  renderAll();
  loadKnowledgeBase();
  if (waitingTurns().length) pollHandoffs();
  function attach() {
    document.body.appendChild(host);
    if (opts.open) openPanel();
    if (window.performance && performance.mark) performance.mark('govassist:widget-ready');
  }
  if (document.body) attach(); else document.addEventListener('DOMContentLoaded', attach);
}());
