package io.jooqrelations.sample;

import io.jooqrelations.example.AppRelations;
import io.jooqrelations.relations.Relations;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The sample service: the demo's invoice app over HTTP. The starter turns the {@link Relations} bean below and Spring
 * Boot's {@code DSLContext} into a {@code NestedReads} bean; {@link InvoiceController} serves its reads.
 *
 * <pre>{@code
 * ./mvnw -B -q -pl demo-spring -am package -DskipTests && java -jar demo-spring/target/demo-spring.jar
 * curl localhost:8080/invoices/1
 * }</pre>
 */
@SpringBootApplication
public class SampleApplication {

    /** The application's relations graph: all the starter needs besides a DSLContext. */
    @Bean
    Relations relations() {
        return AppRelations.RELATIONS;
    }

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
