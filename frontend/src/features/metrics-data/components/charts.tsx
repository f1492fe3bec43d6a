/**
 * Hand-drawn SVG charts for the managers' data pages. Each is one image (``role="img"``) named by its label; the
 * table beside it is the alternative that carries every figure, so the chart itself exposes nothing to assistive
 * technology but its name. Colours are at least 3:1 against white (WCAG 1.4.11), and every series is named in a
 * legend as text.
 */

export interface Series {
  key: string;
  label: string;
  color: string;
}

/** Colours at least 3:1 against white and told apart from their neighbours. */
export const PALETTE = ["#0000bf", "#008741", "#bd2719", "#6c2a99", "#9c5a00", "#1a1a1a", "#5e6b78"];

function Legend({ series, extra }: { series: Series[]; extra?: { label: string; swatch: string } }) {
  return (
    <ul className="metrics-data-legend" aria-hidden="true" style={{ display: "flex", flexWrap: "wrap", gap: "1rem" }}>
      {series.map((item) => (
        <li key={item.key} style={{ listStyle: "none", display: "inline-flex", alignItems: "center", gap: "0.5rem" }}>
          <svg width="16" height="16" focusable="false">
            <rect width="16" height="16" fill={item.color} />
          </svg>
          {item.label}
        </li>
      ))}
      {extra ? (
        <li style={{ listStyle: "none", display: "inline-flex", alignItems: "center", gap: "0.5rem" }}>
          <svg width="16" height="16" focusable="false">
            <rect width="15" height="15" x="0.5" y="0.5" fill={extra.swatch} stroke="#1a1a1a" />
            <path d="M0 8 L8 0 M0 16 L16 0 M8 16 L16 8" stroke="#1a1a1a" strokeWidth="1.5" />
          </svg>
          {extra.label}
        </li>
      ) : null}
    </ul>
  );
}

export interface BarGroup {
  label: string;
  values: Record<string, number>;
}

/** Bars side by side for each group (e.g. budgeted, actual and committed euros of each month). */
export function GroupedBarChart({
  label,
  groups,
  series,
  formatTick,
}: {
  label: string;
  groups: BarGroup[];
  series: Series[];
  formatTick: (value: number) => string;
}) {
  const width = 760;
  const height = 280;
  const left = 90;
  const bottom = 30;
  const top = 10;
  const plotHeight = height - bottom - top;
  const max = Math.max(1, ...groups.flatMap((group) => series.map((item) => group.values[item.key] ?? 0)));
  const slot = (width - left) / Math.max(1, groups.length);
  const barWidth = Math.max(2, (slot * 0.8) / series.length);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((share) => share * max);
  const y = (value: number) => top + plotHeight - (Math.max(0, value) / max) * plotHeight;
  return (
    <figure className="metrics-data-chart" style={{ margin: 0 }}>
      <svg
        role="img"
        aria-label={label}
        viewBox={`0 0 ${width} ${height}`}
        style={{ width: "100%", maxWidth: `${width}px`, height: "auto" }}
      >
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={left} x2={width} y1={y(tick)} y2={y(tick)} stroke="#b2b2b2" strokeWidth="1" />
            <text x={left - 6} y={y(tick) + 4} textAnchor="end" fontSize="12" fill="#1a1a1a">
              {formatTick(tick)}
            </text>
          </g>
        ))}
        {groups.map((group, index) => (
          <g key={group.label}>
            {series.map((item, position) => {
              const value = group.values[item.key] ?? 0;
              return (
                <rect
                  key={item.key}
                  x={left + index * slot + slot * 0.1 + position * barWidth}
                  y={y(value)}
                  width={barWidth - 1}
                  height={top + plotHeight - y(value)}
                  fill={item.color}
                />
              );
            })}
            <text x={left + index * slot + slot / 2} y={height - 10} textAnchor="middle" fontSize="12" fill="#1a1a1a">
              {group.label}
            </text>
          </g>
        ))}
      </svg>
      <Legend series={series} />
    </figure>
  );
}

export interface StackedBar {
  label: string;
  /** Each series' share in percent; null where the cell is withheld (drawn hatched, never as a number). */
  shares: Record<string, number | null>;
}

/**
 * One horizontal bar per row, its segments the series' shares (0–100 %). What is withheld is drawn as one hatched
 * segment filling the rest of the bar.
 */
export function StackedBarChart({
  label,
  bars,
  series,
  suppressedLabel,
}: {
  label: string;
  bars: StackedBar[];
  series: Series[];
  suppressedLabel: string;
}) {
  const width = 760;
  const left = 260;
  const rowHeight = 28;
  const top = 6;
  const height = top + bars.length * rowHeight + 24;
  const plot = width - left - 30; // room for the last tick's label
  const anySuppressed = bars.some((bar) => Object.values(bar.shares).some((share) => share === null));
  return (
    <figure className="metrics-data-chart" style={{ margin: 0 }}>
      <svg
        role="img"
        aria-label={label}
        viewBox={`0 0 ${width} ${height}`}
        style={{ width: "100%", maxWidth: `${width}px`, height: "auto" }}
      >
        <defs>
          <pattern
            id="metrics-data-hatch"
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="6" height="6" fill="#ffffff" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#1a1a1a" strokeWidth="2" />
          </pattern>
        </defs>
        {bars.map((bar, index) => {
          const y = top + index * rowHeight;
          let x = left;
          const shown = series.map((item) => ({ item, share: bar.shares[item.key] }));
          const withheld = Math.max(0, 100 - shown.reduce((sum, part) => sum + (part.share ?? 0), 0));
          const hasWithheld = shown.some((part) => part.share === null);
          return (
            <g key={bar.label}>
              <text x={left - 8} y={y + rowHeight / 2 + 4} textAnchor="end" fontSize="12" fill="#1a1a1a">
                {bar.label.length > 38 ? `${bar.label.slice(0, 37)}…` : bar.label}
              </text>
              {shown.map(({ item, share }) => {
                if (!share) return null;
                const segment = (share / 100) * plot;
                const rect = (
                  <rect
                    key={item.key}
                    x={x}
                    y={y + 4}
                    width={Math.max(0, segment - 1)}
                    height={rowHeight - 8}
                    fill={item.color}
                  />
                );
                x += segment;
                return rect;
              })}
              {hasWithheld && withheld > 0 ? (
                <rect
                  x={x}
                  y={y + 4.5}
                  width={Math.max(0, (withheld / 100) * plot - 1)}
                  height={rowHeight - 9}
                  fill="url(#metrics-data-hatch)"
                  stroke="#1a1a1a"
                />
              ) : null}
            </g>
          );
        })}
        {[0, 25, 50, 75, 100].map((tick) => (
          <text
            key={tick}
            x={left + (tick / 100) * plot}
            y={height - 6}
            textAnchor="middle"
            fontSize="12"
            fill="#1a1a1a"
          >
            {tick} %
          </text>
        ))}
      </svg>
      <Legend series={series} extra={anySuppressed ? { label: suppressedLabel, swatch: "#ffffff" } : undefined} />
    </figure>
  );
}
