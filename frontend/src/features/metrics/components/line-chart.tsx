/**
 * A line chart drawn as SVG, by month: one line per series, broken where a month has no figure. The picture is one
 * image to assistive technology, named by its caption and summed up in words; the figures themselves are in the
 * table alternative beside it. Lines differ by dash pattern and marker as well as colour (WCAG 1.4.1), and every
 * colour has at least 3:1 contrast against the white background (WCAG 1.4.11).
 */

export interface ChartPoint {
  month: string;
  value: number | null;
  suppressed: boolean;
}

export interface ChartSeries {
  key: string;
  label: string;
  points: ChartPoint[];
}

const COLOURS = ["#0000bf", "#b01038", "#006631", "#1a1a1a", "#8a4b00"];
const DASHES = ["", "6 4", "2 3", "10 3 2 3", "1 5"];
const WIDTH = 640;
const HEIGHT = 260;
const PAD = { top: 16, right: 16, bottom: 40, left: 64 };

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * magnitude >= value) ?? 10;
  return step * magnitude;
}

function paths(points: ChartPoint[], x: (index: number) => number, y: (value: number) => number): string {
  let d = "";
  let pen = false;
  points.forEach((point, index) => {
    if (point.value === null) {
      pen = false;
      return;
    }
    d += `${pen ? "L" : "M"}${x(index).toFixed(1)},${y(point.value).toFixed(1)} `;
    pen = true;
  });
  return d.trim();
}

export function LineChart({
  months,
  series,
  label,
  summary,
  format,
  compact = false,
  suppressedLabel,
}: {
  months: string[];
  series: ChartSeries[];
  /** The chart's name, e.g. "Aktivointiaste, Lahti, 2025-01–2025-12". */
  label: string;
  /** The chart in words: what a sighted reader takes from it. */
  summary: string;
  format: (value: number) => string;
  compact?: boolean;
  /** The legend's words for a withheld month's marker; none in a compact chart. */
  suppressedLabel?: string;
}) {
  const width = compact ? 200 : WIDTH;
  const height = compact ? 56 : HEIGHT;
  const pad = compact ? { top: 6, right: 6, bottom: 6, left: 6 } : PAD;
  const values = series.flatMap((s) => s.points.map((p) => p.value)).filter((v): v is number => v !== null);
  const top = niceMax(Math.max(0, ...values));
  const bottom = Math.min(0, ...values);
  const x = (index: number) =>
    pad.left + (months.length <= 1 ? 0.5 : index / (months.length - 1)) * (width - pad.left - pad.right);
  const y = (value: number) => pad.top + (1 - (value - bottom) / (top - bottom || 1)) * (height - pad.top - pad.bottom);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((share) => bottom + share * (top - bottom));
  const every = Math.max(1, Math.ceil(months.length / 6));
  const withheld = months.filter((_, index) => series.some((s) => s.points[index]?.suppressed));
  return (
    <figure className={compact ? "metrics-chart metrics-chart--compact" : "metrics-chart"}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${label}. ${summary}`} focusable="false">
        {compact ? null : (
          <g aria-hidden="true" className="metrics-chart__axes">
            {ticks.map((tick) => (
              <g key={tick}>
                <line x1={pad.left} x2={width - pad.right} y1={y(tick)} y2={y(tick)} stroke="#ccc" />
                <text x={pad.left - 8} y={y(tick) + 4} textAnchor="end" fontSize="12" fill="#1a1a1a">
                  {format(tick)}
                </text>
              </g>
            ))}
            {months.map((month, index) =>
              index % every === 0 || index === months.length - 1 ? (
                <text
                  key={month}
                  x={x(index)}
                  y={height - pad.bottom + 18}
                  textAnchor="middle"
                  fontSize="12"
                  fill="#1a1a1a"
                >
                  {month}
                </text>
              ) : null,
            )}
            {months.map((month, index) =>
              series.some((s) => s.points[index]?.suppressed) ? (
                <path
                  key={`withheld-${month}`}
                  d={`M${x(index)},${height - pad.bottom - 6} l5,5 l-5,5 l-5,-5 z`}
                  fill="#fff"
                  stroke="#1a1a1a"
                />
              ) : null,
            )}
          </g>
        )}
        <g aria-hidden="true">
          {series.map((s, number) => {
            const colour = COLOURS[number % COLOURS.length];
            return (
              <g key={s.key}>
                <path
                  d={paths(s.points, x, y)}
                  fill="none"
                  stroke={colour}
                  strokeWidth={compact ? 2 : 2.5}
                  strokeDasharray={DASHES[number % DASHES.length]}
                />
                {s.points.map((point, index) =>
                  point.value === null ? null : (
                    <circle key={point.month} cx={x(index)} cy={y(point.value)} r={compact ? 2 : 3.5} fill={colour} />
                  ),
                )}
              </g>
            );
          })}
        </g>
      </svg>
      {compact || (series.length <= 1 && !withheld.length) ? null : (
        <figcaption>
          <ul className="metrics-chart__legend">
            {series.length > 1
              ? series.map((s, number) => (
                  <li key={s.key}>
                    <svg width="32" height="10" aria-hidden="true" focusable="false">
                      <line
                        x1="0"
                        x2="32"
                        y1="5"
                        y2="5"
                        stroke={COLOURS[number % COLOURS.length]}
                        strokeWidth="2.5"
                        strokeDasharray={DASHES[number % DASHES.length]}
                      />
                    </svg>{" "}
                    {s.label}
                  </li>
                ))
              : null}
            {withheld.length && suppressedLabel ? (
              <li>
                <svg width="12" height="12" aria-hidden="true" focusable="false">
                  <path d="M6,1 l5,5 l-5,5 l-5,-5 z" fill="#fff" stroke="#1a1a1a" />
                </svg>{" "}
                {suppressedLabel}
              </li>
            ) : null}
          </ul>
        </figcaption>
      )}
    </figure>
  );
}
