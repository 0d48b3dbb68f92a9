"""Network flow on small integer graphs: maximum flow and minimum-cost flow.

The formation engine reduces "who meets at which slot" to flows on a graph whose nodes are
classes of interchangeable people, so the graphs stay small even for 100,000 sign-ups.
Both algorithms work on one :class:`Network`, which callers build edge by edge and read
back through :meth:`Network.flow_on`.
"""

from __future__ import annotations

import heapq
from collections import deque

INFINITE = 1 << 60


class Network:
    """A directed graph with integer capacities and costs, and a flow on it.

    This is the one mutable object of the package: a scratch structure that lives inside a
    single solver call and is never returned to the caller.
    """

    def __init__(self, nodes: int = 0) -> None:
        self.out: list[list[int]] = [[] for _ in range(nodes)]
        self.head: list[int] = []
        self.cap: list[int] = []
        self.cost: list[int] = []

    @property
    def nodes(self) -> int:
        return len(self.out)

    def add_node(self) -> int:
        self.out.append([])
        return len(self.out) - 1

    def add_edge(self, tail: int, head: int, cap: int, cost: int = 0) -> int:
        """Add an edge and its residual twin; return the edge's index."""
        index = len(self.head)
        self.head += [head, tail]
        self.cap += [cap, 0]
        self.cost += [cost, -cost]
        self.out[tail].append(index)
        self.out[head].append(index + 1)
        return index

    def flow_on(self, edge: int) -> int:
        """Flow currently on ``edge`` (the residual capacity of its twin)."""
        return self.cap[edge ^ 1]

    def raise_cap(self, edge: int, cap: int) -> None:
        """Raise an edge's capacity, keeping the flow already on it."""
        self.cap[edge] = cap - self.flow_on(edge)


def max_flow(net: Network, source: int, sink: int, allowed: list[bool] | None = None) -> int:
    """Augment the current flow to a maximum one (Dinic); return the amount added.

    With ``allowed``, only edges marked True carry the added flow.

    Notes
    -----
    Dinic's algorithm, O(V^2 E) in general and much faster on the layered, bipartite-like
    graphs built here. Augmenting paths never reduce the flow on edges into ``sink``, which
    the solver relies on to keep lower bounds met while it adds flow.

    References
    ----------
    .. [1] E. A. Dinitz, "Algorithm for solution of a problem of maximum flow in a network
       with power estimation", Soviet Math. Doklady 11 (1970), 1277-1280.
    """
    total = 0
    while True:
        level = _levels(net, source, allowed)
        if level[sink] < 0:
            return total
        pointer = [0] * net.nodes
        while True:
            pushed = _push(net, source, sink, level, pointer, allowed)
            if not pushed:
                break
            total += pushed


def _levels(net: Network, source: int, allowed: list[bool] | None) -> list[int]:
    level = [-1] * net.nodes
    level[source] = 0
    queue = deque([source])
    while queue:
        node = queue.popleft()
        for edge in net.out[node]:
            head = net.head[edge]
            if net.cap[edge] > 0 and level[head] < 0 and (allowed is None or allowed[edge]):
                level[head] = level[node] + 1
                queue.append(head)
    return level


def _push(
    net: Network,
    source: int,
    sink: int,
    level: list[int],
    pointer: list[int],
    allowed: list[bool] | None,
) -> int:
    """Find one blocking-flow path by iterative depth-first search and push along it."""
    path: list[int] = []
    node = source
    while True:
        if node == sink:
            amount = min(net.cap[edge] for edge in path)
            for edge in path:
                net.cap[edge] -= amount
                net.cap[edge ^ 1] += amount
            return amount
        edges = net.out[node]
        advanced = False
        while pointer[node] < len(edges):
            edge = edges[pointer[node]]
            head = net.head[edge]
            if (
                net.cap[edge] > 0
                and level[head] == level[node] + 1
                and (allowed is None or allowed[edge])
            ):
                path.append(edge)
                node = head
                advanced = True
                break
            pointer[node] += 1
        if advanced:
            continue
        if not path:
            return 0
        # Dead end: retreat one step and skip the edge that led here.
        level[node] = -1
        edge = path.pop()
        node = net.head[edge ^ 1]
        pointer[node] += 1


def min_cost_flow(net: Network, source: int, sink: int) -> int:
    """Add flow along shortest paths while they have negative cost; return the amount added.

    The result has the least total cost over all flow values. Costs may be negative, but
    the graph must have no negative cycle: the solver's graphs start empty and acyclic.

    Notes
    -----
    Primal-dual successive shortest paths: Bellman-Ford once for Johnson potentials, then
    per phase one Dijkstra and a Dinic maximum flow on the edges of zero reduced cost, so
    that all shortest paths of one length are filled at once. The phases number at most the
    distinct path costs, which are few on the solver's graphs.

    References
    ----------
    .. [1] R. K. Ahuja, T. L. Magnanti and J. B. Orlin, *Network Flows*, Prentice Hall,
       1993, section 9.8 (the primal-dual algorithm).
    """
    potential = _bellman_ford(net, source)
    total = 0
    while True:
        dist = _dijkstra(net, source, potential)
        if dist[sink] >= INFINITE:
            return total
        for node in range(net.nodes):
            if dist[node] < INFINITE:
                potential[node] += dist[node]
        if potential[sink] - potential[source] >= 0:
            return total
        head, cost = net.head, net.cost
        # An edge lies on some shortest path exactly when its reduced cost is zero.
        zero = [
            cost[edge] + potential[head[edge ^ 1]] == potential[head[edge]]
            for edge in range(len(head))
        ]
        total += max_flow(net, source, sink, zero)


def _bellman_ford(net: Network, source: int) -> list[int]:
    dist = [INFINITE] * net.nodes
    dist[source] = 0
    for _ in range(net.nodes):
        changed = False
        for node in range(net.nodes):
            if dist[node] >= INFINITE:
                continue
            for edge in net.out[node]:
                if net.cap[edge] > 0 and dist[node] + net.cost[edge] < dist[net.head[edge]]:
                    dist[net.head[edge]] = dist[node] + net.cost[edge]
                    changed = True
        if not changed:
            break
    return [d if d < INFINITE else 0 for d in dist]


def _dijkstra(net: Network, source: int, potential: list[int]) -> list[int]:
    dist = [INFINITE] * net.nodes
    dist[source] = 0
    heap = [(0, source)]
    while heap:
        d, node = heapq.heappop(heap)
        if d > dist[node]:
            continue
        for edge in net.out[node]:
            if net.cap[edge] <= 0:
                continue
            head = net.head[edge]
            nd = d + net.cost[edge] + potential[node] - potential[head]
            if nd < dist[head]:
                dist[head] = nd
                heapq.heappush(heap, (nd, head))
    return dist
