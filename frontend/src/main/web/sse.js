/* GovAssist server-sent events client: reads a text/event-stream response body of fetch (a POST with a JSON body
   can stream, which EventSource cannot). Shared by the widget and the console's Ask page: the console loads it as
   /sse.js; the frontend build puts it at the head of the served widget.js, so that the one <script> tag a portal
   embeds stays enough (no second request, nothing more for the portal's Content-Security-Policy to allow). */
(function (root) {
  'use strict';
  if (root.GovAssistSse) return;

  function json(data) {
    try { return JSON.parse(data); } catch (e) { return null; }
  }

  /** A delta event's {text, reset}: JSON {"text", "reset"} (reset: discard what was streamed so far), or raw text. */
  function piece(data) {
    var c = data.charAt(0);
    if (c === '{' || c === '"') {
      var v = json(data);
      if (typeof v === 'string') return { text: v, reset: false };
      if (v && typeof v === 'object') return { text: String(v.text || ''), reset: v.reset === true };
    }
    return { text: data, reset: false };
  }

  /** Parses a text/event-stream body, calling onEvent(event, data) per event; comments (heartbeats) are skipped. */
  function readEvents(body, onEvent) {
    var reader = body.getReader();
    var decoder = new TextDecoder('utf-8');
    var buffer = '';
    function dispatch(block) {
      var event = 'message';
      var data = [];
      block.split('\n').forEach(function (line) {
        if (!line || line.charAt(0) === ':') return;
        var colon = line.indexOf(':');
        var field = colon < 0 ? line : line.slice(0, colon);
        var value = colon < 0 ? '' : line.slice(colon + 1);
        if (value.charAt(0) === ' ') value = value.slice(1);
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      });
      if (data.length) onEvent(event, data.join('\n'));
    }
    function drain(final) {
      // Normalise line ends, keeping a trailing \r that may be the first half of a \r\n split across chunks.
      var keep = !final && buffer.charAt(buffer.length - 1) === '\r';
      var text = (keep ? buffer.slice(0, -1) : buffer).replace(/\r\n?/g, '\n');
      var at;
      while ((at = text.indexOf('\n\n')) >= 0) {
        dispatch(text.slice(0, at));
        text = text.slice(at + 2);
      }
      buffer = text + (keep ? '\r' : '');
      if (final && buffer.trim()) {
        dispatch(buffer);
        buffer = '';
      }
    }
    function pump() {
      return reader.read().then(function (r) {
        if (r.done) {
          buffer += decoder.decode();
          drain(true);
          return;
        }
        buffer += decoder.decode(r.value, { stream: true });
        drain(false);
        return pump();
      });
    }
    return pump();
  }

  root.GovAssistSse = { readEvents: readEvents, piece: piece, json: json };
}(window));
