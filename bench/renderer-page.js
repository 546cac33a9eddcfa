/* global window, document, MutationObserver */
/**
 * Runs inside Chromium for bench/renderer.bench.ts (injected as text, before the page's own code).
 *
 * 1. A synthetic `window.agentDesk`: serves a supervisor's snapshot of AGENTS agents and pushes one
 *    `desk:patch` per state event, as the desk does.
 * 2. The measurement: each event's arrival time; when its row shows the new state (a MutationObserver
 *    on `data-state`); when that reaches the screen. A change made during a frame's rendering steps
 *    (animation-frame callbacks and their microtasks) is painted in that frame, so it counts at once;
 *    a change made in an ordinary task (the plain DOM loop) counts at the next frame.
 * 3. Long tasks (> 50 ms) from PerformanceObserver('longtask'), and frames drawn.
 *
 * `window.__bench.run({ mode, seconds, rate, rows })` streams events and resolves with the figures.
 * mode 'app' drives the real renderer; mode 'plain' builds the same visible rows as bare DOM and
 * applies each event directly (the baseline).
 */
(() => {
  const AGENTS = 2000;
  const STATES = ['AgentReady', 'AgentOnPause', 'AgentOnCall', 'AgentOnWrapup', 'AgentRinging'];
  const LABELS = {
    AgentReady: 'Ready',
    AgentOnPause: 'Paused',
    AgentOnCall: 'On a call',
    AgentOnWrapup: 'Wrap-up',
    AgentRinging: 'Ringing',
  };
  const started = Date.now();

  const agents = {};
  for (let id = 1; id <= AGENTS; id += 1) {
    agents[String(id)] = {
      id,
      firstName: 'Agent',
      lastName: String(id).padStart(4, '0'),
      number: String(10000 + id),
      groupId: (id % 4) + 1,
      state: STATES[id % STATES.length],
      since: started - (id % 600) * 1000,
      cause: null,
      phoneNb: String(20000 + id),
      queues: [(id % 3) + 1],
    };
  }
  const queue = (id, name) => ({ id, name, displayName: name, number: String(3000 + id), waitingCalls: 0 });
  const snapshot = {
    connection: { state: 'connected', server: 'bench', since: started },
    user: {
      userId: 1,
      login: 'supervisor',
      fullName: 'Bench Supervisor',
      profile: 'Supervisor',
      rights: [],
      agentId: null,
      mobileNumber: null,
    },
    agent: null,
    agents,
    queues: { 1: queue(1, 'Sales'), 2: queue(2, 'Support'), 3: queue(3, 'Billing') },
    groups: {
      1: { id: 1, name: 'g1', displayName: 'North' },
      2: { id: 2, name: 'g2', displayName: 'South' },
      3: { id: 3, name: 'g3', displayName: 'East' },
      4: { id: 4, name: 'g4', displayName: 'West' },
    },
    memberships: {},
    stats: {},
    callbackLists: {},
    periods: [],
    call: null,
    pauseReasons: [],
    pending: [],
    outbox: [],
    notices: [],
    settings: {
      serverUrl: '',
      login: 'supervisor',
      phoneNumber: '',
      agentId: null,
      rememberPassword: false,
      screenPop: { trigger: 'ringing', allowlist: [], allowHttp: false },
      notifications: { enabled: true, doNotDisturb: false },
      startAtLogin: false,
      startHidden: false,
      language: 'en',
      theme: 'light',
      shortcuts: {
        togglePause: 'CommandOrControl+Alt+P',
        answer: 'CommandOrControl+Alt+A',
        hangup: 'CommandOrControl+Alt+H',
      },
      autoUpdate: false,
    },
    lockedSettings: [],
    tray: { icon: 'ready', tooltip: 'Agent Desk — Supervisor', menu: [] },
  };

  const listeners = { 'desk:snapshot': new Set(), 'desk:patch': new Set() };
  window.agentDesk = {
    invoke: async (command) =>
      command === 'desk:getSnapshot' ? { ok: true, value: snapshot } : { ok: true, value: undefined },
    on: (event, listener) => {
      listeners[event]?.add(listener);
      return () => listeners[event]?.delete(listener);
    },
  };

  // ---- Frame phase: true from a frame's first animation-frame callback until the next task. ----
  let inFrame = false;
  const resetChannel = new MessageChannel();
  let resetPosted = false;
  resetChannel.port1.onmessage = () => {
    resetPosted = false;
    inFrame = false;
  };
  const markFrame = () => {
    inFrame = true;
    if (!resetPosted) {
      resetPosted = true;
      resetChannel.port2.postMessage(0);
    }
  };
  const nativeRaf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) =>
    nativeRaf((time) => {
      markFrame();
      callback(time);
    });

  function percentile(values, p) {
    if (values.length === 0) return NaN;
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  }

  /** The plain baseline: the same visible rows, built and updated by hand. */
  function buildPlainRows(count) {
    document.body.textContent = '';
    const list = document.createElement('div');
    list.style.cssText = 'font: 14px system-ui; width: 900px';
    const rows = new Map();
    const ids = Object.values(agents)
      .sort((a, b) => a.lastName.localeCompare(b.lastName))
      .slice(0, count)
      .map((agent) => agent.id);
    for (const id of ids) {
      const agent = agents[String(id)];
      const row = document.createElement('div');
      row.style.cssText =
        'display: grid; grid-template-columns: 9rem 1fr 6rem; height: 52px; align-items: center';
      row.dataset.agentId = String(id);
      row.dataset.state = agent.state;
      const state = document.createElement('span');
      state.textContent = LABELS[agent.state];
      const name = document.createElement('span');
      name.textContent = `${agent.firstName} ${agent.lastName}`;
      const time = document.createElement('span');
      time.textContent = '0:00';
      row.append(state, name, time);
      list.append(row);
      rows.set(id, { row, state, time });
    }
    document.body.append(list);
    return { rows, ids };
  }

  /** Rows inside the visible part of the page (the virtual list renders a few more off-screen). */
  function visibleRowIds() {
    const box = document.querySelector('.vlist-scroll')?.getBoundingClientRect() ?? {
      top: 0,
      bottom: window.innerHeight,
    };
    return [...document.querySelectorAll('[data-agent-id]')]
      .filter((row) => {
        const rect = row.getBoundingClientRect();
        return rect.top >= box.top && rect.bottom <= box.bottom + 1;
      })
      .map((row) => Number(row.dataset.agentId));
  }

  async function run({ mode, seconds, rate, rows }) {
    const plain = mode === 'plain' ? buildPlainRows(rows) : null;
    const watched = plain ? plain.ids : visibleRowIds();
    if (watched.length === 0) throw new Error('no visible rows to watch');

    const pending = new Map(); // agent id → [{ at, state }]
    const waitingForPaint = []; // { at } of changes made outside a frame
    const latencies = [];
    let events = 0;
    let superseded = 0;
    let frames = 0;
    const longTasks = [];

    const showOf = (row, shownAt) => {
      const id = Number(row.dataset.agentId);
      const list = pending.get(id);
      if (!list) return;
      const state = row.dataset.state;
      const last = list.map((entry) => entry.state).lastIndexOf(state);
      if (last < 0) return;
      for (const entry of list.splice(0, last + 1)) {
        if (shownAt === null) waitingForPaint.push(entry.at);
        else latencies.push(shownAt - entry.at);
      }
    };
    const observer = new MutationObserver((records) => {
      const now = performance.now();
      const shownAt = inFrame ? now : null;
      for (const record of records) {
        if (record.type === 'attributes' && record.target.dataset?.agentId) showOf(record.target, shownAt);
        for (const node of record.addedNodes ?? []) {
          if (node.nodeType !== 1) continue;
          const rows = node.dataset?.agentId ? [node] : node.querySelectorAll('[data-agent-id]');
          for (const row of rows) showOf(row, shownAt);
        }
      }
    });
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-state'],
    });
    const longTaskObserver = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
    longTaskObserver.observe({ type: 'longtask' });

    const runStart = performance.now();
    const runEnd = runStart + seconds * 1000;
    let frameLoop = true;
    const onFrame = () => {
      if (!frameLoop) return;
      markFrame();
      frames += 1;
      const now = performance.now();
      for (const at of waitingForPaint.splice(0)) latencies.push(now - at);
      nativeRaf(onFrame);
    };
    nativeRaf(onFrame);

    const emit = (id) => {
      const key = String(id);
      const current = agents[key];
      const next = {
        ...current,
        state: STATES[(STATES.indexOf(current.state) + 1 + (events % 3)) % STATES.length],
        since: Date.now(),
      };
      agents[key] = next;
      const at = performance.now();
      const list = pending.get(id) ?? [];
      if (list.length > 0) superseded += 1;
      list.push({ at, state: next.state });
      pending.set(id, list);
      events += 1;
      if (plain) {
        const cells = plain.rows.get(id);
        if (cells) {
          cells.row.dataset.state = next.state;
          cells.state.textContent = LABELS[next.state];
          cells.time.textContent = '0:00';
        }
      } else {
        const patch = [{ path: ['agents', key], value: next }];
        for (const listener of listeners['desk:patch']) listener(patch);
      }
    };

    await new Promise((resolve) => {
      const tick = () => {
        inFrame = false; // a task after a frame: its rendering steps are over
        const now = performance.now();
        const due = Math.floor(((Math.min(now, runEnd) - runStart) * rate) / 1000);
        while (events < due) {
          // Half the events go to rows on screen (so their latency is seen), half anywhere.
          const id =
            events % 2 === 0 ? watched[(events / 2) % watched.length] : 1 + ((events * 7919) % AGENTS);
          emit(id);
        }
        if (now >= runEnd) resolve();
        else setTimeout(tick, 2);
      };
      tick();
    });
    // Let the last frame land.
    await new Promise((resolve) => setTimeout(resolve, 100));
    frameLoop = false;
    observer.disconnect();
    longTaskObserver.disconnect();
    const tasks = longTasks.filter((entry) => entry.startTime >= runStart && entry.startTime <= runEnd);
    return {
      events,
      measured: latencies.length,
      superseded,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      max: Math.max(...latencies),
      longTasks: tasks.length,
      longestTask: tasks.reduce((most, entry) => Math.max(most, entry.duration), 0),
      fps: frames / seconds,
      watched: watched.length,
    };
  }

  window.__bench = { run };
})();
