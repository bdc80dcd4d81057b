package io.jooqrelations.maven;

import java.util.List;
import org.jooq.meta.ForeignKeyDefinition;

/**
 * How generated relations are named, for teams with conventions of their own. Each method returns candidate names in
 * order of preference; the generator takes the first candidate that collides neither with a column of the table (its
 * name or camelCase) nor with another relation of the table, and when every candidate collides it suffixes the last one
 * ({@code organization2}) and warns. Register an implementation (public, no-argument constructor, on the plugin's
 * dependencies) with {@code <relations><namingStrategy>}; extending {@link DefaultRelationNaming} and overriding one
 * method is the usual way.
 *
 * <pre>{@code
 * public class SnakeCaseNaming extends DefaultRelationNaming {
 *     @Override
 *     public List<String> one(ForeignKeyDefinition fk) {
 *         return List.of(fk.getKeyColumns().get(0).getOutputName().replaceAll("_id$", ""));
 *     }
 * }
 * }</pre>
 */
public interface RelationNaming {

    /** The to-one relation on the foreign key's table, towards the referenced table (e.g. {@code organization}). */
    List<String> one(ForeignKeyDefinition fk);

    /** The to-many relation on the referenced table, back to the foreign key's table (e.g. {@code invoices}). */
    List<String> many(ForeignKeyDefinition fk);

    /**
     * The many-to-many relation across a pure junction, on the table {@code near} references, towards the table
     * {@code far} references (both are foreign keys of the junction; e.g. {@code tags} on {@code invoices}).
     */
    List<String> through(ForeignKeyDefinition near, ForeignKeyDefinition far);
}
