import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReportDto } from '../../src/api/contract.ts';
import { inboxHref } from './inbox-url.ts';
import { fmtDay } from './report-format.ts';
import { navigate } from './use-route.ts';
import styles from './DailyChart.module.css';

// Colours match the PDF's, so the screen and the printout read alike.
const COLORS = { negative: '#d64545', neutral: '#9aa5b1', positive: '#3f9b5a', previous: '#2a56d6', alert: '#b7791f' };
const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;

/** "Mon 19 Oct" on two lines ("Mon" over "19 Oct"), so seven days fit on a phone. */
function DayTick(props: { x?: number | string; y?: number | string; payload?: { value: string } }) {
  const [weekday, ...rest] = (props.payload?.value ?? '').split(' ');
  return (
    <text x={props.x} y={props.y} textAnchor="middle" fontSize={11} fill="#616e7c">
      <tspan x={props.x} dy="0.9em">
        {weekday}
      </tspan>
      <tspan x={props.x} dy="1.2em">
        {rest.join(' ')}
      </tspan>
    </text>
  );
}

interface Props {
  report: ReportDto;
  /** The period before, drawn as a line of its daily totals (day 1 against day 1). */
  previous: ReportDto | null;
}

/**
 * Mentions per day, stacked by sentiment (Recharts draws SVG with attributes and React style
 * props only, so it runs under the app's Content-Security-Policy). A click on a bar segment
 * opens the inbox on that day's mentions of that sentiment. The period's alerts are numbered
 * marks on the day they started, listed under the chart with what they said.
 */
export function DailyChart({ report, previous }: Props) {
  const many = report.daily.length > 14;
  const data = report.daily.map((d, i) => ({
    day: fmtDay(d.date),
    negative: d.negative,
    neutral: d.neutral,
    positive: d.positive,
    previous: previous?.daily[i]?.total ?? null,
  }));
  const open = (index: number, sentiment: (typeof SENTIMENTS)[number]) => {
    const day = report.daily[index];
    if (day) navigate(inboxHref({ ...day.filter, sentiment }));
  };
  return (
    <div className={styles.dailyChart} data-testid="daily-chart">
      <ResponsiveContainer width="100%" height={280}>
        <ComposedChart data={data} margin={{ top: report.alerts.length > 0 ? 22 : 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tick={<DayTick />} height={42} interval={many ? 'preserveStartEnd' : 0} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend />
          {SENTIMENTS.map((s) => (
            <Bar
              key={s}
              dataKey={s}
              name={s[0]!.toUpperCase() + s.slice(1)}
              stackId="sentiment"
              fill={COLORS[s]}
              className={`bar-${s}`}
              cursor="pointer"
              isAnimationActive={false}
              onClick={(_item, index) => open(index, s)}
            />
          ))}
          {report.alerts.map((alert, i) => (
            <ReferenceLine
              key={alert.id}
              x={fmtDay(alert.date)}
              stroke={COLORS.alert}
              strokeDasharray="2 2"
              label={{ value: `⚠${i + 1}`, position: 'top', fill: COLORS.alert, fontSize: 12 }}
            />
          ))}
          {previous !== null && (
            <Line
              dataKey="previous"
              name={`All, ${previous.period.label}`}
              stroke={COLORS.previous}
              strokeWidth={2}
              strokeDasharray="5 3"
              dot={{ r: 3, fill: COLORS.previous }}
              isAnimationActive={false}
            />
          )}
        </ComposedChart>
      </ResponsiveContainer>
      {report.alerts.length > 0 && (
        <ol className="chart-alerts muted small" data-testid="report-alerts">
          {report.alerts.map((alert) => (
            <li key={alert.id}>
              <span className="strong">{fmtDay(alert.date)}</span> — {alert.message}
              {alert.resolvedAt === null ? ' (still open)' : ''}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
