// The QuickTakes preview webview: renders what the extension sends (the answer
// HTML is sanitized by the language server), scrolls with the editor and tells
// the extension where the reader scrolled or double-clicked, reports clicked
// links, and keeps what it shows in the webview state (restored after a reload).
// Messages and the state: server/src/protocol.ts.
//
// Scroll sync works in preview lines (-1 the heading, 0…n-1 the answer text's
// lines, n+i the related links): the page maps them to heights through its
// blocks' `data-line`, the article's text to them through the anchors.
/* global acquireVsCodeApi, window, document, Element */
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('preview');
  /** @type {import('../server/src/protocol').PreviewPageState} */
  const state = Object.assign({ scroll: {} }, vscode.getState() || {});
  /** The article this page shows (none until the first update: then its kept scroll position applies). */
  let shownUri;
  let answerEl = null;
  /** @type {[number, number][] | undefined} [offset into the article's text, preview line], both growing. */
  let articlePoints;
  /** Where the last scroll the extension asked for ended: its scroll event is not reported back. */
  let hostScrollY;

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function relatedItem(link) {
    const li = el('li', 'qt-related-item');
    if (link.broken || !link.targetUri) {
      const span = el('span', link.broken ? 'qt-link qt-broken' : 'qt-link', link.title || link.url);
      if (link.broken) {
        span.title = link.broken;
        li.append(span, el('span', 'qt-broken-reason', ` — broken: ${link.broken}`));
      } else {
        li.append(span);
      }
      return li;
    }
    const a = el('a', 'qt-link', link.title || link.url);
    a.href = link.url;
    a.title = link.url;
    a.dataset.targetUri = link.targetUri;
    li.append(a);
    return li;
  }

  // --- preview lines ------------------------------------------------------------

  /** Keeps the points that grow in both coordinates after the last one kept (nested blocks repeat a line). */
  function growing(points) {
    const out = [];
    for (const p of points) {
      const last = out[out.length - 1];
      if (!last || (p[0] >= last[0] && p[1] > last[1]) || (p[0] > last[0] && p[1] >= last[1])) out.push(p);
    }
    return out;
  }

  /**
   * The value at `x` along a polyline whose points grow in both coordinates: coordinate `to` of
   * the point at coordinate `from` = x, linear between points, flat beyond the ends.
   */
  function along(points, x, from, to) {
    let i = -1;
    while (i + 1 < points.length && points[i + 1][from] <= x) i++;
    if (i < 0) return points[0][to];
    if (i === points.length - 1) return points[i][to];
    const p = points[i];
    const q = points[i + 1];
    return p[to] + ((x - p[from]) / (q[from] - p[from])) * (q[to] - p[to]);
  }

  /** [page height, preview line] of the top of each block with a line, from the page's top (-1), and the last block's bottom. */
  function pagePoints() {
    const points = [[0, -1]];
    let last;
    for (const e of document.querySelectorAll('[data-line]')) {
      const box = e.getBoundingClientRect();
      const line = Number(e.getAttribute('data-line'));
      if (box.height === 0 || !Number.isFinite(line)) continue; // not shown
      points.push([box.top + window.scrollY, line]);
      last = [box.bottom + window.scrollY, line + 1];
    }
    if (last) points.push(last);
    return growing(points);
  }

  /** [offset, preview line] of where the preview's parts are in the article's text. */
  function anchorPoints(anchors, answerLines) {
    const points = [[0, -1]];
    if (anchors.answer) {
      anchors.answer.lines.forEach((offset, line) => points.push([offset, line]));
      points.push([anchors.answer.end, answerLines]);
    }
    anchors.related.forEach((r, i) => points.push([r.start, answerLines + i]));
    const last = anchors.related[anchors.related.length - 1];
    if (last) points.push([last.end, answerLines + anchors.related.length]);
    return growing(points);
  }

  const topLine = () => along(pagePoints(), window.scrollY, 0, 1);
  const offsetOf = (line) => (articlePoints ? Math.round(along(articlePoints, line, 1, 0)) : undefined);

  function scrollToLine(line) {
    window.scrollTo(0, line <= -1 ? 0 : along(pagePoints(), line, 1, 0));
    hostScrollY = window.scrollY;
  }

  function keepScroll() {
    if (!shownUri) return;
    state.scroll[shownUri] = topLine();
    // what a long session previews stays bounded: the latest articles only
    const uris = Object.keys(state.scroll);
    for (const uri of uris.slice(0, Math.max(0, uris.length - 50))) delete state.scroll[uri];
    vscode.setState(state);
  }

  // --- messages -----------------------------------------------------------------

  function render(m) {
    const p = m.preview;
    const again = shownUri === p.uri;
    const scrollY = window.scrollY;
    const article = el('article', 'qt-article');
    article.append(el('h1', 'qt-question', p.question));
    article.append(el('p', 'qt-posted', `${p.postOnText} ${p.date}`.trim()));
    answerEl = el('div', 'qt-answer');
    answerEl.innerHTML = p.answerHtml; // sanitized by the server (core/answer/render.ts)
    article.append(answerEl);
    if (p.related.length > 0) {
      const section = el('section', 'qt-related');
      section.append(el('h2', undefined, 'Related Questions'));
      const ul = el('ul');
      p.related.forEach((link, i) => {
        const li = relatedItem(link);
        li.setAttribute('data-line', String(p.answerLines + i));
        ul.append(li);
      });
      section.append(ul);
      article.append(section);
    }
    root.replaceChildren(article);
    articlePoints = m.anchors && anchorPoints(m.anchors, p.answerLines);
    shownUri = p.uri;
    Object.assign(state, { uri: p.uri, answer: m.answer, locked: m.locked, sourceColumn: m.sourceColumn });
    vscode.setState(state);
    // the same article again (an edit): stay; another one, or a new page: where it was last read
    if (again) {
      window.scrollTo(0, scrollY);
      hostScrollY = window.scrollY;
    } else {
      scrollToLine(state.scroll[p.uri] ?? -1);
    }
  }

  function empty(reason) {
    answerEl = null;
    articlePoints = undefined;
    shownUri = undefined;
    root.replaceChildren(el('p', 'qt-empty', reason));
  }

  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || typeof m.type !== 'string') return;
    if (m.type === 'update') render(m);
    else if (m.type === 'empty') empty(m.reason);
    else if (m.type === 'scrollTo') {
      if (!shownUri) return;
      if (typeof m.line === 'number') scrollToLine(m.line);
      else if (typeof m.offset === 'number' && articlePoints) scrollToLine(along(articlePoints, m.offset, 0, 1));
      keepScroll();
    } else if (m.type === 'ping') {
      const line = topLine();
      vscode.postMessage({
        type: 'rendered',
        uri: shownUri,
        html: answerEl ? answerEl.innerHTML : '',
        length: answerEl ? answerEl.textContent.length : 0,
        line,
        offset: offsetOf(line),
      });
    }
  });

  // --- the reader -----------------------------------------------------------------

  // Caught before VS Code's own handler of the page's link clicks, which would open any other link as a web
  // address: web addresses go on to it, everything else stops here.
  document.addEventListener(
    'click',
    (event) => {
      const a = event.target instanceof Element ? event.target.closest('a') : null;
      const href = a ? a.getAttribute('href') || '' : '';
      if (!a || /^(https?:|mailto:)/i.test(href)) return;
      event.preventDefault();
      event.stopPropagation();
      if (a.dataset.targetUri) vscode.postMessage({ type: 'openRelated', uri: a.dataset.targetUri });
      // footnotes and their back links
      else if (href.startsWith('#')) document.getElementById(href.slice(1))?.scrollIntoView();
      // a site link: the extension opens the article it points at
      else if (href) vscode.postMessage({ type: 'openLink', href });
    },
    true,
  );

  document.addEventListener('dblclick', (event) => {
    if (!shownUri || (event.target instanceof Element && event.target.closest('a'))) return;
    const line = Math.floor(along(pagePoints(), event.pageY, 0, 1));
    vscode.postMessage({ type: 'openSource', line, offset: offsetOf(line) });
  });

  let scrollTimer;
  window.addEventListener('scroll', () => {
    if (scrollTimer) return;
    scrollTimer = setTimeout(() => {
      scrollTimer = undefined;
      if (!shownUri) return;
      keepScroll();
      // a scroll the extension asked for is not the reader's: telling it back would loop
      const asked = hostScrollY !== undefined && Math.abs(window.scrollY - hostScrollY) < 2;
      hostScrollY = undefined;
      if (asked) return;
      const line = topLine();
      vscode.postMessage({ type: 'revealLine', line, offset: offsetOf(line) });
    }, 50);
  });

  vscode.postMessage({ type: 'ready' });
})();
