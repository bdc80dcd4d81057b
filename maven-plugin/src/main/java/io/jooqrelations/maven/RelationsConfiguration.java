package io.jooqrelations.maven;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The {@code <relations>} configuration of {@code jooq-relations:generate}: when present, the goal also writes a
 * relations graph class (typed {@code One}/{@code Many} handles per table and a {@code RELATIONS} graph) from the
 * schema's foreign keys, next to the jOOQ classes. Every element is optional; see {@code docs/generated-relations.md}.
 *
 * <pre>{@code
 * <relations>
 *   <className>GeneratedRelations</className>            <!-- in the generator's target package -->
 *   <excludes>audit_log|.*_archive</excludes>              <!-- tables: name or schema.name, a regex -->
 *   <excludeForeignKeys>invoices_legacy_fkey</excludeForeignKeys>
 *   <manyToMany>true</manyToMany>                          <!-- through relations for pure junctions -->
 *   <renames>
 *     <property><name>invoices.assignedTo</name><value>assignee</value></property>
 *   </renames>
 *   <namingStrategy>com.example.MyRelationNaming</namingStrategy>
 * </relations>
 * }</pre>
 */
public class RelationsConfiguration {

    private String className = "GeneratedRelations";
    private String includes = ".*";
    private String excludes = "";
    private String excludeForeignKeys = "";
    private boolean manyToMany = true;
    private Properties renames = new Properties();
    private String namingStrategy = DefaultRelationNaming.class.getName();

    /** The generated class: a simple name (in the jOOQ target package) or a fully qualified one. */
    public String getClassName() {
        return className;
    }

    public RelationsConfiguration setClassName(String className) {
        this.className = className;
        return this;
    }

    /** Tables that get relations: a regular expression matched against {@code table} and {@code schema.table}. */
    public String getIncludes() {
        return includes;
    }

    public RelationsConfiguration setIncludes(String includes) {
        this.includes = includes;
        return this;
    }

    /** Tables left out of the graph (no relation from or to them, never a junction); a regex like {@link #getIncludes()}. */
    public String getExcludes() {
        return excludes;
    }

    public RelationsConfiguration setExcludes(String excludes) {
        this.excludes = excludes;
        return this;
    }

    /** Foreign keys that get no relation: a regex matched against the constraint name and {@code schema.name}. */
    public String getExcludeForeignKeys() {
        return excludeForeignKeys;
    }

    public RelationsConfiguration setExcludeForeignKeys(String excludeForeignKeys) {
        this.excludeForeignKeys = excludeForeignKeys;
        return this;
    }

    /** Whether pure junction tables get many-to-many {@code through} relations (default {@code true}). */
    public boolean isManyToMany() {
        return manyToMany;
    }

    public RelationsConfiguration setManyToMany(boolean manyToMany) {
        this.manyToMany = manyToMany;
        return this;
    }

    /** Renames: the generated relation ({@code invoices.assignedTo}, {@code crm.accounts.tenant}) to its new name. */
    public Properties getRenames() {
        return renames;
    }

    public RelationsConfiguration setRenames(Properties renames) {
        this.renames = renames == null ? new Properties() : renames;
        return this;
    }

    /** Convenience for code and tests: one rename. */
    public RelationsConfiguration rename(String relation, String newName) {
        renames.setProperty(relation, newName);
        return this;
    }

    /** A {@link RelationNaming} class with a public no-argument constructor (default {@link DefaultRelationNaming}). */
    public String getNamingStrategy() {
        return namingStrategy;
    }

    public RelationsConfiguration setNamingStrategy(String namingStrategy) {
        this.namingStrategy = namingStrategy;
        return this;
    }

    /** Every setting, in a stable order: part of the goal's fingerprint. */
    @Override
    public String toString() {
        Map<Object, Object> sortedRenames = new TreeMap<>(renames == null ? Map.of() : renames);
        return "relations[className=" + className + ", includes=" + includes + ", excludes=" + excludes
                + ", excludeForeignKeys=" + excludeForeignKeys + ", manyToMany=" + manyToMany + ", renames="
                + sortedRenames + ", namingStrategy=" + namingStrategy + "]";
    }
}
