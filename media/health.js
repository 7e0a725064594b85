// QuickTakes corpus health: renders a HealthReport (server/src/core/lint/report.ts):
// a summary, bar charts as inline SVG, and sortable, filterable tables whose
// rows link to the files. Runs in two places: the "Corpus Health" webview (the
// report arrives as a message, a click on a file asks the extension to open it)
// and the page `quicktakes report --html` writes (the report is in a JSON
// script element, file links are relative to the page). Text is only ever set
// as text, never parsed as HTML. Messages: server/src/protocol.ts.
/* global acquireVsCodeApi, window, document */
(function () {
  'use strict';
  const vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  const root = document.getElementById('health');
  const SVG = 'http://www.w3.org/2000/svg';
  /** Rows shown per table before "Show more". */
  const PAGE = 100;
  /** Bars per chart. */
  const BARS = 40;
  let hrefBase = '';
  let report;

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = String(text);
    return e;
  }

  const number = (n) => Number(n || 0).toLocaleString('en-US');

  /** A file as shown: without the report's root folder, when it has one. */
  function shown(file) {
    const base = report && report.root ? `${report.root}/` : '';
    return base && file.startsWith(base) ? file.slice(base.length) : file;
  }

  function fileLink(file) {
    const a = el('a', 'qt-file', shown(file));
    a.dataset.file = file;
    a.title = file;
    a.href = vscode ? '#' : hrefBase + file.split('/').map(encodeURIComponent).join('/');
    return a;
  }

  /** Horizontal bars, one per row: label, bar, value. */
  function barChart(title, rows) {
    const section = el('section', 'qt-chart');
    section.append(el('h2', undefined, title));
    const list = rows.slice(0, BARS);
    if (list.length === 0) {
      section.append(el('p', 'qt-empty', 'Nothing to show.'));
      return section;
    }
    const max = Math.max(...list.map((r) => r.value), 1);
    const rowHeight = 20;
    const labelWidth = 230;
    const barWidth = 420;
    const chart = svg('svg', {
      class: 'qt-bars',
      role: 'img',
      'aria-label': title,
      width: labelWidth + barWidth + 80,
      height: list.length * rowHeight + 4,
      viewBox: `0 0 ${labelWidth + barWidth + 80} ${list.length * rowHeight + 4}`,
    });
    list.forEach((r, i) => {
      const y = i * rowHeight + 2;
      const g = svg('g', { class: `qt-bar-row ${r.kind || ''}` });
      g.append(svg('title', {}, `${r.label}: ${number(r.value)}`));
      g.append(svg('text', { x: labelWidth - 8, y: y + 14, 'text-anchor': 'end', class: 'qt-bar-label' }, r.label));
      const w = Math.max(1, Math.round((r.value / max) * barWidth));
      g.append(svg('rect', { x: labelWidth, y: y + 3, width: w, height: rowHeight - 6, rx: 2, class: 'qt-bar' }));
      g.append(svg('text', { x: labelWidth + w + 6, y: y + 14, class: 'qt-bar-value' }, number(r.value)));
      chart.append(g);
    });
    section.append(chart);
    return section;
  }

  /**
   * A table sortable by each column (click its header) and filterable by text,
   * showing PAGE rows at a time. Columns: { key, label, numeric? (sorted as numbers, shown
   * with separators), text?(row) (what is shown and filtered), cell?(row) (an element to show) }.
   */
  function table(title, columns, rows, sortKey, descending) {
    const section = el('section', 'qt-table');
    const heading = el('h2', undefined, `${title} (${number(rows.length)})`);
    const filter = el('input', 'qt-filter');
    filter.type = 'search';
    filter.placeholder = 'Filter…';
    filter.setAttribute('aria-label', `Filter ${title}`);
    const t = el('table');
    const thead = el('thead');
    const tbody = el('tbody');
    const more = el('button', 'qt-more', 'Show more');
    more.type = 'button';
    const state = { key: sortKey, descending: !!descending, shown: PAGE, filter: '' };
    const textOf = (c, r) => (c.text ? c.text(r) : r[c.key] === undefined ? '' : c.numeric ? number(r[c.key]) : String(r[c.key]));

    const head = el('tr');
    for (const c of columns) {
      const th = el('th', c.numeric ? 'qt-num' : undefined);
      const button = el('button', 'qt-sort', c.label);
      button.type = 'button';
      button.dataset.key = c.key;
      th.append(button);
      head.append(th);
    }
    thead.append(head);

    function render() {
      const needle = state.filter.toLowerCase();
      const column = columns.find((c) => c.key === state.key) || columns[0];
      const matching = needle ? rows.filter((r) => columns.some((c) => textOf(c, r).toLowerCase().includes(needle))) : rows.slice();
      matching.sort((a, b) => {
        const x = column.numeric
          ? Number(a[column.key] || 0) - Number(b[column.key] || 0)
          : textOf(column, a).localeCompare(textOf(column, b));
        return state.descending ? -x : x;
      });
      tbody.replaceChildren(
        ...matching.slice(0, state.shown).map((r) => {
          const tr = el('tr');
          for (const c of columns) {
            const td = el('td', c.numeric ? 'qt-num' : undefined);
            if (c.cell) td.append(c.cell(r));
            else td.textContent = textOf(c, r);
            tr.append(td);
          }
          return tr;
        }),
      );
      for (const th of head.children) {
        const key = th.firstChild.dataset.key;
        th.setAttribute('aria-sort', key === state.key ? (state.descending ? 'descending' : 'ascending') : 'none');
      }
      more.hidden = matching.length <= state.shown;
      more.textContent = `Show more (${number(matching.length - state.shown)} left)`;
    }

    head.addEventListener('click', (e) => {
      const button = e.target.closest('button.qt-sort');
      if (!button) return;
      const key = button.dataset.key;
      const numeric = columns.find((c) => c.key === key).numeric;
      state.descending = state.key === key ? !state.descending : !!numeric;
      state.key = key;
      render();
    });
    filter.addEventListener('input', () => {
      state.filter = filter.value;
      state.shown = PAGE;
      render();
    });
    more.addEventListener('click', () => {
      state.shown += PAGE * 5;
      render();
    });

    t.append(thead, tbody);
    const wrap = el('div', 'qt-scroll');
    wrap.append(t);
    section.append(heading, filter, wrap, more);
    render();
    return section;
  }

  const fileColumn = { key: 'file', label: 'File', cell: (r) => fileLink(r.file) };
  const titleColumn = { key: 'title', label: 'Question' };
  const subjectColumn = { key: 'subject', label: 'Subject' };
  const idColumn = { key: 'id', label: 'Id', numeric: true, text: (r) => (r.id === undefined ? '' : String(r.id)) };
  const codesText = (codes) =>
    Object.entries(codes)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([code, n]) => (n > 1 ? `${code} ×${n}` : code))
      .join(', ');

  /** A cluster's files as text (filtering and sorting): each with its id. */
  const clusterFilesText = (c) => c.articles.map((a) => `${shown(a.file)}${a.id === undefined ? '' : ` (id ${a.id})`}`).join(', ');

  /** A cluster's files as links, one a line, each with its id. */
  function clusterFiles(c) {
    const list = el('ul', 'qt-cluster');
    for (const a of c.articles) {
      const li = el('li');
      li.append(fileLink(a.file));
      if (a.id !== undefined) li.append(el('span', 'qt-id', ` (id ${a.id})`));
      list.append(li);
    }
    return list;
  }

  function summary(r) {
    const section = el('section', 'qt-summary');
    section.append(el('h1', undefined, 'QuickTakes corpus health'));
    const facts = [
      ['Articles', r.articles],
      ['Defects', r.defects],
      ['Errors', r.bySeverity.error],
      ['Warnings', r.bySeverity.warning],
      ['Files with defects', r.files.length],
      ['Without related links', r.withoutRelated.length],
      ['Never linked to', r.neverLinked.length],
      ['Duplicate questions', r.questionClusters.filter((c) => c.kind === 'exact').length],
      ['Near-duplicate questions', r.questionClusters.filter((c) => c.kind === 'near').length],
    ];
    const dl = el('dl', 'qt-facts');
    for (const [label, value] of facts) {
      const div = el('div');
      div.append(el('dt', undefined, label), el('dd', undefined, number(value)));
      dl.append(div);
    }
    section.append(dl);
    if (vscode) {
      const refresh = el('button', 'qt-refresh', 'Refresh');
      refresh.type = 'button';
      refresh.addEventListener('click', () => {
        root.replaceChildren(el('p', 'qt-empty', 'Checking every article…'));
        vscode.postMessage({ type: 'refresh' });
      });
      section.append(refresh);
    }
    return section;
  }

  function render(r) {
    report = r;
    root.replaceChildren(
      summary(r),
      barChart(
        'Defects per code',
        r.byCode.map((c) => ({ label: c.code, value: c.count, kind: c.severity })),
      ),
      barChart(
        'Defects per subject',
        r.bySubject.filter((s) => s.defects > 0).map((s) => ({ label: s.subject, value: s.defects })),
      ),
      table(
        'Defects per code',
        [
          { key: 'code', label: 'Code' },
          { key: 'severity', label: 'Severity' },
          { key: 'count', label: 'Defects', numeric: true },
          { key: 'files', label: 'Files', numeric: true },
        ],
        r.byCode,
        'count',
        true,
      ),
      table(
        'Defects per subject',
        [
          subjectColumn,
          { key: 'articles', label: 'Articles', numeric: true },
          { key: 'defects', label: 'Defects', numeric: true },
          { key: 'files', label: 'Files with defects', numeric: true },
          { key: 'withoutRelated', label: 'Without related', numeric: true },
          { key: 'codes', label: 'Codes', text: (s) => codesText(s.codes) },
        ],
        r.bySubject,
        'defects',
        true,
      ),
      table(
        'Files with defects',
        [
          fileColumn,
          { key: 'errors', label: 'Errors', numeric: true },
          { key: 'warnings', label: 'Warnings', numeric: true },
          { key: 'other', label: 'Info', numeric: true },
          { key: 'codes', label: 'Codes', text: (f) => codesText(f.codes) },
        ],
        r.files,
        'errors',
        true,
      ),
      table('Articles without related links', [fileColumn, idColumn, titleColumn], r.withoutRelated, 'file'),
      table(
        'Most linked articles',
        [fileColumn, { key: 'inbound', label: 'Linked from', numeric: true }, idColumn, titleColumn],
        r.mostLinked,
        'inbound',
        true,
      ),
      table('Articles no related link leads to', [fileColumn, idColumn, titleColumn], r.neverLinked, 'file'),
      table(
        'Duplicate and near-duplicate questions',
        [
          { key: 'question', label: 'Question (normalized)' },
          { key: 'kind', label: 'Match' },
          { key: 'count', label: 'Articles', numeric: true },
          { key: 'articles', label: 'Files', text: clusterFilesText, cell: clusterFiles },
        ],
        r.questionClusters.map((c) => ({ ...c, count: c.articles.length })),
        'count',
        true,
      ),
    );
  }

  root.addEventListener('click', (e) => {
    const a = e.target.closest('a.qt-file');
    if (!a || !vscode) return;
    e.preventDefault();
    vscode.postMessage({ type: 'open', file: a.dataset.file });
  });

  if (vscode) {
    window.addEventListener('message', (e) => {
      const m = e.data;
      if (m.type === 'report') render(m.report);
      else if (m.type === 'loading') root.replaceChildren(el('p', 'qt-empty', m.message || 'Checking every article…'));
      else if (m.type === 'error') root.replaceChildren(el('p', 'qt-empty qt-error', m.message));
      else if (m.type === 'ping')
        vscode.postMessage({
          type: 'rendered',
          articles: report ? report.articles : -1,
          tables: root.querySelectorAll('table').length,
          rows: root.querySelectorAll('tbody tr').length,
          files: root.querySelectorAll('a.qt-file').length,
        });
    });
    root.replaceChildren(el('p', 'qt-empty', 'Checking every article…'));
    vscode.postMessage({ type: 'ready' });
  } else {
    const data = JSON.parse(document.getElementById('health-data').textContent);
    hrefBase = data.hrefBase || '';
    render(data.report);
  }
})();
