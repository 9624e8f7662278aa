package io.govassist.documents;

import io.govassist.ingestion.ResponsibleUnits;
import io.govassist.store.IndexedClause;

import java.util.ArrayList;
import java.util.List;

/** Rebuilds a document's clause hierarchy from the stored clauses' paths, in document order. */
final class ClauseTree {

    /** A heading in the hierarchy with the clauses stored directly under it and its sub-headings. */
    record Node(String marker, String heading, List<ClauseView> clauses, List<Node> children) {
    }

    record ClauseView(String clauseId, String label, List<String> clausePath, int part, String text,
                      ResponsibleUnits responsibleUnits) {
    }

    private ClauseTree() {
    }

    /** The root's children are the top-level headings; preamble clauses (empty path) sit on the root. */
    static Node build(List<IndexedClause> clauses) {
        Node root = new Node("", "", new ArrayList<>(), new ArrayList<>());
        for (IndexedClause indexed : clauses) {
            var clause = indexed.clause();
            Node node = root;
            for (int depth = 0; depth < clause.path().size(); depth++) {
                node = child(node, clause.markers().get(depth), clause.path().get(depth));
            }
            node.clauses().add(new ClauseView(indexed.id(), clause.label(), clause.path(), clause.part(), clause.text(),
                    clause.responsibleUnits()));
        }
        return root;
    }

    private static Node child(Node parent, String marker, String heading) {
        List<Node> children = parent.children();
        if (!children.isEmpty()) {
            Node last = children.get(children.size() - 1);
            if (last.marker().equals(marker) && last.heading().equals(heading)) {
                return last;
            }
        }
        Node created = new Node(marker, heading, new ArrayList<>(), new ArrayList<>());
        children.add(created);
        return created;
    }
}
