package io.jooqrelations.relations;

import io.jooqrelations.relations.internal.TableNames;
import java.util.Locale;
import org.jooq.Table;

/** Renders a graph as a Mermaid flowchart, one node per table and one labelled edge per relation. */
final class MermaidDiagram {

    private MermaidDiagram() {
    }

    static String render(Relations relations) {
        StringBuilder sb = new StringBuilder("flowchart LR\n");
        for (Table<?> table : relations.tables()) {
            sb.append("    ").append(node(table)).append("[").append(TableNames.displayName(table)).append("]\n");
        }
        for (Relation r : relations.allRelations()) {
            String label = r.name() + ": " + r.kind().name().toLowerCase(Locale.ROOT)
                    + r.junction().map(j -> " through " + j.getName()).orElse("")
                    + (r.filter().isPresent() ? " (filtered)" : "");
            sb.append("    ").append(node(r.source())).append(r.kind() == RelationKind.MANY ? " ==>|" : " -->|")
                    .append('"').append(label).append('"').append("| ").append(node(r.target())).append('\n');
        }
        return sb.toString();
    }

    /** A node id per schema-qualified table ({@code crm_accounts} and {@code auth_accounts} are two nodes). */
    private static String node(Table<?> table) {
        return TableNames.displayName(table).replaceAll("[^A-Za-z0-9_]", "_");
    }
}
