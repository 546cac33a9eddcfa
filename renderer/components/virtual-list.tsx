import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useReducer, useRef, useState } from 'preact/hooks';
import { elementScroll, observeElementOffset, observeElementRect, Virtualizer } from '@tanstack/virtual-core';

/**
 * A list that renders only the rows in view (plus a few either side), so thousands of rows cost
 * what a screenful does. Rows have one fixed height: the row layout is designed for it.
 */
export function VirtualList<T>({
  items,
  rowHeight,
  getKey,
  renderRow,
  class: className,
  label,
  header,
  headerHeight = 0,
}: {
  items: T[];
  rowHeight: number;
  getKey: (item: T) => string | number;
  renderRow: (item: T, index: number) => ComponentChildren;
  class?: string;
  label: string;
  /** A header row that stays on top while the rows scroll under it. */
  header?: ComponentChildren;
  headerHeight?: number;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  // One key function for the list's life: a new one each render would make the virtualiser
  // recompute every row's position on every update.
  const latest = useRef({ items, getKey });
  latest.current = { items, getKey };
  const [getItemKey] = useState(() => (index: number) => {
    const item = latest.current.items[index];
    return item === undefined ? index : latest.current.getKey(item);
  });
  const options = {
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    getItemKey,
    overscan: 6,
    scrollMargin: headerHeight,
    // Before the first measure (and in a DOM without layout) assume a screenful.
    initialRect: { width: 800, height: 720 },
    scrollToFn: elementScroll,
    observeElementRect,
    observeElementOffset,
    onChange: () => rerender(0),
  };
  const [virtualizer] = useState(() => new Virtualizer<HTMLDivElement, HTMLDivElement>(options));
  virtualizer.setOptions(options);
  useLayoutEffect(() => virtualizer._didMount(), []);
  useLayoutEffect(() => virtualizer._willUpdate());

  return (
    <div class={`vlist ${className ?? ''}`} role="table" aria-label={label} aria-rowcount={items.length + 1}>
      <div class="vlist-scroll" ref={scrollRef} role="rowgroup" tabIndex={0} aria-label={label}>
        {header ? (
          <div class="vlist-head" style={{ height: `${headerHeight}px` }}>
            {header}
          </div>
        ) : null}
        <div class="vlist-inner" style={{ height: `${virtualizer.getTotalSize()}px` }}>
          {virtualizer.getVirtualItems().map((virtualRow) => {
            const item = items[virtualRow.index];
            if (item === undefined) return null;
            return (
              <div
                key={virtualRow.key as string | number}
                class="vlist-row"
                role="row"
                aria-rowindex={virtualRow.index + 2}
                style={{
                  transform: `translateY(${virtualRow.start - headerHeight}px)`,
                  height: `${rowHeight}px`,
                }}
              >
                {renderRow(item, virtualRow.index)}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
