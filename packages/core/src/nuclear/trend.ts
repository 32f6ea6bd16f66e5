/** A straight line y = intercept + slope · x. */
export interface LinearTrend {
  readonly slope: number;
  readonly intercept: number;
}

/**
 * The least-squares line through the points (xs[i], ys[i]). Null when there are fewer than two points or
 * every x is the same (no slope can be fitted). Throws a RangeError when the arrays differ in length.
 */
export function leastSquaresLine(xs: readonly number[], ys: readonly number[]): LinearTrend | null {
  if (xs.length !== ys.length) {
    throw new RangeError(
      `leastSquaresLine: ${xs.length} x values but ${ys.length} y values; expected as many of each`,
    );
  }
  const n = xs.length;
  if (n < 2) return null;
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < n; i++) {
    meanX += xs[i]!;
    meanY += ys[i]!;
  }
  meanX /= n;
  meanY /= n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - meanX;
    sxx += dx * dx;
    sxy += dx * (ys[i]! - meanY);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope, intercept: meanY - slope * meanX };
}
