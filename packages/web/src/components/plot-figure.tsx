import * as Plot from '@observablehq/plot';
import { type ReactNode, useEffect, useLayoutEffect, useRef, useState } from 'react';

/**
 * An Observable Plot chart. `options` is rebuilt by the caller whenever its data changes; the figure is
 * redrawn then, and whenever its container changes width (unless `options.width` is given). `caption` says
 * in words what the chart shows, for screen readers and for the record; `children` are shown under it
 * (notes, a data table).
 */
export function PlotFigure({
  options,
  caption,
  children,
  testId,
}: {
  options: Plot.PlotOptions;
  caption: string;
  children?: ReactNode;
  testId?: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState<number | undefined>(undefined);
  // The width is read before the first draw, so a chart is drawn once at its real width rather than once at
  // Plot's default and again when the observer reports (about 50 ms a chart on the Nuclear page).
  useLayoutEffect(() => {
    const element = container.current;
    if (!element) return;
    const initial = Math.floor(element.clientWidth);
    if (initial > 0) setWidth(initial);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const measured = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (measured > 0) setWidth((previous) => (previous === measured ? previous : measured));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    // Not measured yet but measurable: the width is on its way from the layout effect; draw then.
    if (width === undefined && Math.floor(container.current?.clientWidth ?? 0) > 0) return;
    const figure = Plot.plot({ ...(width && { width }), ...options, ariaLabel: caption });
    container.current?.replaceChildren(figure);
    return () => figure.remove();
  }, [options, caption, width]);
  return (
    <figure className="plot" data-testid={testId}>
      <div ref={container} className="plot-canvas" />
      <figcaption>{caption}</figcaption>
      {children}
    </figure>
  );
}
