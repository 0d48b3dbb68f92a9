"""The two flow algorithms on graphs small enough to solve by hand."""

from peercircle.formation.flow import Network, max_flow, min_cost_flow


def _diamond() -> tuple[Network, dict[str, int]]:
    #   0 -> a (3), 0 -> b (2), a -> b (1), a -> 1 (2), b -> 1 (3); node 1 is the sink
    net = Network(4)
    a, b = 2, 3
    edges = {
        "0a": net.add_edge(0, a, 3, cost=1),
        "0b": net.add_edge(0, b, 2, cost=4),
        "ab": net.add_edge(a, b, 1, cost=1),
        "a1": net.add_edge(a, 1, 2, cost=1),
        "b1": net.add_edge(b, 1, 3, cost=-10),
    }
    return net, edges


def test_max_flow_finds_the_minimum_cut():
    net, edges = _diamond()
    assert max_flow(net, 0, 1) == 5
    assert net.flow_on(edges["a1"]) + net.flow_on(edges["b1"]) == 5


def test_max_flow_keeps_existing_flow_when_a_capacity_rises():
    net, edges = _diamond()
    net.cap[edges["b1"]] = 1
    assert max_flow(net, 0, 1) == 3
    net.raise_cap(edges["b1"], 3)
    assert max_flow(net, 0, 1) == 2
    assert net.flow_on(edges["b1"]) == 3


def test_min_cost_flow_sends_only_what_lowers_the_cost():
    net, edges = _diamond()
    # Paths: 0-a-1 costs 2 (not worth it), 0-a-b-1 costs -8, 0-b-1 costs -6.
    assert min_cost_flow(net, 0, 1) == 3
    assert net.flow_on(edges["ab"]) == 1
    assert net.flow_on(edges["0b"]) == 2
    assert net.flow_on(edges["a1"]) == 0
