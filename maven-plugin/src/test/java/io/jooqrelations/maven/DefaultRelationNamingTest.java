package io.jooqrelations.maven;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The word rules under the default naming: camelCase of identifiers, English singular and plural by suffix. */
class DefaultRelationNamingTest {

    @Test
    void identifiersOfEveryShapeBecomeCamelCase() {
        assertThat(DefaultRelationNaming.camel("invoice_line_items")).isEqualTo("invoiceLineItems");
        assertThat(DefaultRelationNaming.camel("Order Lines")).isEqualTo("orderLines");
        assertThat(DefaultRelationNaming.camel("Customers")).isEqualTo("customers");
        assertThat(DefaultRelationNaming.camel("USER_ACCOUNTS")).isEqualTo("userAccounts");
        assertThat(DefaultRelationNaming.camel("FullName")).isEqualTo("fullName");
        assertThat(DefaultRelationNaming.pascal("line_items")).isEqualTo("LineItems");
    }

    @Test
    void tableNamesBecomeSingularBySuffix() {
        assertThat(DefaultRelationNaming.singular("invoices")).isEqualTo("invoice");
        assertThat(DefaultRelationNaming.singular("companies")).isEqualTo("company");
        assertThat(DefaultRelationNaming.singular("addresses")).isEqualTo("address");
        assertThat(DefaultRelationNaming.singular("statuses")).isEqualTo("status");
        assertThat(DefaultRelationNaming.singular("boxes")).isEqualTo("box");
        assertThat(DefaultRelationNaming.singular("tree")).isEqualTo("tree");
        assertThat(DefaultRelationNaming.singular("Orders")).isEqualTo("Order");
    }

    @Test
    void rolesBecomePluralExceptParticiples() {
        assertThat(DefaultRelationNaming.plural("follower")).isEqualTo("followers");
        assertThat(DefaultRelationNaming.plural("followed")).isEqualTo("followed");
        assertThat(DefaultRelationNaming.plural("company")).isEqualTo("companies");
        assertThat(DefaultRelationNaming.plural("day")).isEqualTo("days");
        assertThat(DefaultRelationNaming.plural("match")).isEqualTo("matches");
    }
}
