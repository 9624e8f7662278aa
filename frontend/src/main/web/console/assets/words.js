/* Console · Sensitive words (ADMIN): list the bundled and added words, add and remove words. */
(function () {
  'use strict';
  var C = window.GovAssistConsole;
  var el = C.el;
  var tbody = document.querySelector('#words tbody');
  var status = document.getElementById('word-status');
  var form = document.getElementById('word-form');

  function load() {
    C.api('GET', '/api/v1/admin/sensitive-words').then(function (res) {
      if (!res.ok) {
        status.textContent = C.errorMessage(res, '无法加载敏感词列表');
        return;
      }
      document.getElementById('words-enabled').textContent = res.body.enabled
        ? '敏感词过滤已开启。' : '敏感词过滤已关闭（govassist.sensitive-words.enabled=false），列表暂不生效。';
      document.getElementById('bundled-count').textContent = String(res.body.bundled.length);
      document.getElementById('bundled').textContent = res.body.bundled.join('、');
      tbody.replaceChildren();
      if (res.body.words.length === 0) {
        var empty = el('tr');
        var td = el('td', 'empty', '尚未添加自定义敏感词');
        td.colSpan = 4;
        empty.appendChild(td);
        tbody.appendChild(empty);
      }
      res.body.words.forEach(function (w) {
        var tr = el('tr');
        tr.setAttribute('data-word-id', String(w.id));
        tr.appendChild(el('td', 'word', w.word));
        tr.appendChild(el('td', null, C.formatTime(w.createdAt)));
        tr.appendChild(el('td', null, w.createdBy));
        var actions = el('td', 'actions');
        var del = el('button', 'delete danger', '删除');
        del.type = 'button';
        del.setAttribute('aria-label', '删除敏感词：' + w.word);
        del.addEventListener('click', function () { remove(w); });
        actions.appendChild(del);
        tr.appendChild(actions);
        tbody.appendChild(tr);
      });
    });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var word = document.getElementById('w-word').value.trim();
    C.api('POST', '/api/v1/admin/sensitive-words', { word: word }).then(function (res) {
      if (!res.ok) {
        status.textContent = '添加失败：' + C.errorMessage(res);
        return;
      }
      status.textContent = '已添加敏感词 ' + res.body.word;
      form.reset();
      load();
    });
  });

  function remove(w) {
    if (!window.confirm('确定删除敏感词“' + w.word + '”吗？')) return;
    C.api('DELETE', '/api/v1/admin/sensitive-words/' + encodeURIComponent(w.id)).then(function (res) {
      status.textContent = res.ok ? '已删除敏感词 ' + w.word : '删除失败：' + C.errorMessage(res);
      if (res.ok) load();
    });
  }

  load();
}());
