// The QuickTakes preview webview: renders what the extension sends (the answer
// HTML is sanitized by the language server), keeps each article's scroll
// position, and reports clicks on related links. Messages: server/src/protocol.ts.
/* global acquireVsCodeApi, window, document, Element */
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('preview');
  /** @type {{ uri?: string, scroll: Record<string, number> }} */
  const state = Object.assign({ scroll: {} }, vscode.getState() || {});
  let answerEl = null;

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

  function render(p) {
    const sameArticle = state.uri === p.uri;
    const scrollY = sameArticle ? window.scrollY : (state.scroll[p.uri] ?? 0);
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
      for (const link of p.related) ul.append(relatedItem(link));
      section.append(ul);
      article.append(section);
    }
    root.replaceChildren(article);
    state.uri = p.uri;
    vscode.setState(state);
    window.scrollTo(0, scrollY);
  }

  function empty(reason) {
    answerEl = null;
    root.replaceChildren(el('p', 'qt-empty', reason));
  }

  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || typeof m.type !== 'string') return;
    if (m.type === 'update') render(m.preview);
    else if (m.type === 'empty') empty(m.reason);
    else if (m.type === 'ping') {
      vscode.postMessage({
        type: 'rendered',
        uri: state.uri,
        html: answerEl ? answerEl.innerHTML : '',
        length: answerEl ? answerEl.textContent.length : 0,
      });
    }
  });

  document.addEventListener('click', (event) => {
    const a = event.target instanceof Element ? event.target.closest('a') : null;
    if (!a) return;
    if (a.dataset.targetUri) {
      event.preventDefault();
      vscode.postMessage({ type: 'openRelated', uri: a.dataset.targetUri });
    } else if (!/^(https?:|mailto:)/i.test(a.getAttribute('href') || '')) {
      // Site-relative links and footnote anchors: nothing to navigate to in the editor.
      const href = a.getAttribute('href') || '';
      event.preventDefault();
      if (href.startsWith('#')) document.getElementById(href.slice(1))?.scrollIntoView();
    }
  });

  let scrollTimer;
  window.addEventListener('scroll', () => {
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(() => {
      if (!state.uri) return;
      state.scroll[state.uri] = window.scrollY;
      vscode.setState(state);
    }, 100);
  });

  vscode.postMessage({ type: 'ready' });
})();
