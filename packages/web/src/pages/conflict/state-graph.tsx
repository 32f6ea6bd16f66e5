import dagre from '@dagrejs/dagre';
import type { ConflictAnalysisResult, StabilityDefinitionName } from '@lockstep/contract';
import { useMemo, useState } from 'react';
import { dmColour, stateLabel } from './conflict-view.ts';

const nodeWidth = 64;
const nodeHeight = 34;

/** A drawn edge: one DM's move, or a joint move on a status quo path. */
interface GraphEdge {
  readonly key: string;
  readonly from: number;
  readonly to: number;
  /** The mover's DM id; a joint move's ids joined by ` + `. */
  readonly dm: string;
  readonly improving: boolean;
  readonly onPath: boolean;
}

/** The edges to draw: improvements (and, when asked, the other moves) and the status quo's paths. */
function graphEdges(analysis: ConflictAnalysisResult, allMoves: boolean): GraphEdge[] {
  const onPath = new Set<string>();
  const joint: GraphEdge[] = [];
  for (const target of analysis.statusQuoPaths?.toEquilibria ?? []) {
    for (const path of target.paths) {
      for (const step of path.steps) {
        const key = `${step.dm}:${step.from}>${step.to}`;
        if (step.kind === 'coalition' && !onPath.has(key)) {
          joint.push({ key, from: step.from, to: step.to, dm: step.dm, improving: true, onPath: true });
        }
        onPath.add(key);
      }
    }
  }
  const moves = (analysis.moves ?? [])
    .filter((move) => allMoves || move.improving)
    .map((move) => {
      const key = `${move.dm}:${move.from}>${move.to}`;
      return { key, ...move, onPath: onPath.has(key) };
    });
  return [...moves, ...joint];
}

/** The states to draw: all, or those the status quo reaches by improvements (with the equilibria). */
function shownStates(analysis: ConflictAnalysisResult, edges: readonly GraphEdge[], reachableOnly: boolean) {
  if (!reachableOnly || analysis.statusQuo === undefined) return analysis.states.map((s) => s.id);
  const next = new Map<number, number[]>();
  for (const edge of edges) {
    if (!edge.improving) continue;
    next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
  }
  const seen = new Set([analysis.statusQuo]);
  const queue = [analysis.statusQuo];
  for (let k = 0; k < queue.length; k++) {
    for (const to of next.get(queue[k]!) ?? []) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return [...seen].sort((a, b) => a - b);
}

interface Layout {
  readonly width: number;
  readonly height: number;
  readonly nodes: Map<number, { x: number; y: number }>;
  readonly edges: Map<string, { x: number; y: number }[]>;
}

/** A layered layout of the states and moves (dagre: cycles broken, crossings reduced). */
function layout(states: readonly number[], edges: readonly GraphEdge[]): Layout {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 70, marginx: 12, marginy: 12 });
  graph.setDefaultEdgeLabel(() => ({}));
  const shown = new Set(states);
  for (const id of states) graph.setNode(String(id), { width: nodeWidth, height: nodeHeight });
  const drawn = edges.filter((edge) => shown.has(edge.from) && shown.has(edge.to));
  for (const edge of drawn) {
    // Improvements and path steps weigh more, so the layout follows them.
    graph.setEdge(
      String(edge.from),
      String(edge.to),
      { weight: edge.onPath ? 4 : edge.improving ? 2 : 1 },
      edge.key,
    );
  }
  dagre.layout(graph);
  const nodes = new Map<number, { x: number; y: number }>();
  for (const id of states) {
    const node = graph.node(String(id));
    nodes.set(id, { x: node.x, y: node.y });
  }
  const edgePoints = new Map<string, { x: number; y: number }[]>();
  for (const edge of drawn) {
    const points = graph.edge({ v: String(edge.from), w: String(edge.to), name: edge.key })?.points;
    if (points) edgePoints.set(edge.key, points);
  }
  const size = graph.graph();
  return { width: size.width ?? 0, height: size.height ?? 0, nodes, edges: edgePoints };
}

function pathData(points: readonly { x: number; y: number }[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
}

/**
 * The graph of states and moves, laid out by dagre: each side's improvements as arrows in its colour (the other
 * moves on request, faint), the status quo's paths to the SEQ equilibria traced thick, the equilibria under the
 * chosen definition ringed. A click on a state selects it.
 */
export function StateGraph({
  analysis,
  definition,
  selected,
  onSelect,
}: {
  analysis: ConflictAnalysisResult;
  definition: StabilityDefinitionName;
  selected: number | undefined;
  onSelect: (state: number) => void;
}) {
  const [allMoves, setAllMoves] = useState(false);
  const [reachableOnly, setReachableOnly] = useState(analysis.states.length > 24);
  const edges = useMemo(() => graphEdges(analysis, allMoves), [analysis, allMoves]);
  const states = useMemo(() => shownStates(analysis, edges, reachableOnly), [analysis, edges, reachableOnly]);
  const drawn = useMemo(() => layout(states, edges), [states, edges]);
  const equilibria = new Set(analysis.equilibria[definition]);
  const dmIndex = new Map(analysis.decisionMakers.map((dm, i) => [dm.id, i]));
  const byId = new Map(analysis.states.map((s) => [s.id, s]));
  const ordered = [...edges].sort((a, b) => Number(a.onPath) - Number(b.onPath));

  return (
    <div className="conflict-graph" data-testid="state-graph">
      <div className="chart-controls">
        <label className="graph-toggle">
          <input type="checkbox" checked={allMoves} onChange={(e) => setAllMoves(e.target.checked)} /> every
          move, not only improvements
        </label>
        {analysis.statusQuo !== undefined && (
          <label className="graph-toggle">
            <input
              type="checkbox"
              name="reachable-only"
              checked={reachableOnly}
              onChange={(e) => setReachableOnly(e.target.checked)}
            />{' '}
            only the states the status quo can reach ({states.length} of {analysis.states.length})
          </label>
        )}
      </div>
      <ul className="graph-key small">
        {analysis.decisionMakers.map((dm, i) => (
          <li key={dm.id}>
            <span className="key-line" style={{ background: dmColour(i) }} /> {dm.name}’s improvements
          </li>
        ))}
        <li>
          <span className="key-line key-path" /> the status quo’s paths to the SEQ equilibria
        </li>
        <li>
          <span className="key-node key-equilibrium" /> {definition.toUpperCase()} equilibrium
        </li>
      </ul>
      <div className="graph-scroll">
        <svg
          width={drawn.width}
          height={drawn.height}
          viewBox={`0 0 ${drawn.width} ${drawn.height}`}
          role="img"
          aria-label="States and moves"
        >
          <defs>
            {analysis.decisionMakers.map((dm, i) => (
              <marker
                key={dm.id}
                id={`arrow-${i}`}
                viewBox="0 0 10 10"
                refX="9"
                refY="5"
                markerWidth="7"
                markerHeight="7"
                orient="auto-start-reverse"
              >
                <path d="M0,0 L10,5 L0,10 z" fill={dmColour(i)} />
              </marker>
            ))}
            <marker
              id="arrow-path"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="5"
              markerHeight="5"
              orient="auto"
            >
              <path d="M0,0 L10,5 L0,10 z" fill="var(--path)" />
            </marker>
            <marker
              id="arrow-faint"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="6"
              markerHeight="6"
              orient="auto"
            >
              <path d="M0,0 L10,5 L0,10 z" fill="#b8bfcc" />
            </marker>
          </defs>
          {ordered.map((edge) => {
            const points = drawn.edges.get(edge.key);
            if (!points) return null;
            const index = dmIndex.get(edge.dm);
            const colour = edge.onPath ? 'var(--path)' : edge.improving ? dmColour(index ?? 0) : '#b8bfcc';
            return (
              <path
                key={edge.key}
                d={pathData(points)}
                fill="none"
                stroke={colour}
                strokeWidth={edge.onPath ? 3.5 : edge.improving ? 1.6 : 1}
                strokeDasharray={edge.dm.includes(' + ') ? '6 3' : edge.improving ? undefined : '3 3'}
                markerEnd={`url(#${edge.onPath ? 'arrow-path' : edge.improving ? `arrow-${index ?? 0}` : 'arrow-faint'})`}
                data-testid={edge.onPath ? 'path-edge' : undefined}
              >
                <title>
                  {`${edge.dm}: state ${edge.from} → state ${edge.to}${edge.improving ? ' (improvement)' : ''}`}
                </title>
              </path>
            );
          })}
          {states.map((id) => {
            const at = drawn.nodes.get(id)!;
            const state = byId.get(id)!;
            const isEquilibrium = equilibria.has(id);
            const isStatusQuo = analysis.statusQuo === id;
            return (
              // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>; it takes a button's role and keys
              <g
                key={id}
                transform={`translate(${at.x - nodeWidth / 2},${at.y - nodeHeight / 2})`}
                className={`graph-node${selected === id ? ' selected' : ''}${isEquilibrium ? ' equilibrium' : ''}${isStatusQuo ? ' status-quo' : ''}`}
                data-testid={`graph-state-${id}`}
                role="button"
                tabIndex={0}
                aria-label={`${stateLabel(analysis, id)}${isEquilibrium ? `, ${definition.toUpperCase()} equilibrium` : ''}${isStatusQuo ? ', status quo' : ''}`}
                onClick={() => onSelect(id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') onSelect(id);
                }}
              >
                <rect width={nodeWidth} height={nodeHeight} rx={6} />
                <text x={nodeWidth / 2} y={14} textAnchor="middle" className="node-id">
                  {isStatusQuo ? `${id} SQ` : id}
                </text>
                <text x={nodeWidth / 2} y={27} textAnchor="middle" className="node-yn">
                  {state.yn}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
    </div>
  );
}
