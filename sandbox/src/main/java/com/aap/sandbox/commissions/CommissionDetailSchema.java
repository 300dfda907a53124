package com.aap.sandbox.commissions;

import com.aap.sandbox.accounts.User;
import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntSupplier;

/** Builds the executable Commission Detail schema from {@code commission-detail.graphqls}. */
public final class CommissionDetailSchema {
  /** GraphQL context key holding the authenticated {@link User}. */
  public static final String USER = "user";

  private CommissionDetailSchema() {}

  public static GraphQL create(Companies companies, IntSupplier pageLimit) {
    CommissionQuery query = new CommissionQuery(companies);
    DataFetcher<DataFetcherResult<CommissionPage>> fetcher = env -> {
      try {
        User user = env.getGraphQlContext().get(USER);
        return DataFetcherResult.<CommissionPage>newResult()
            .data(query.run(user, env.getArguments(), pageLimit.getAsInt())).build();
      } catch (QueryProblem problem) {
        return DataFetcherResult.<CommissionPage>newResult()
            .error(GraphqlErrorBuilder.newError(env).message(problem.getMessage())
                .extensions(Map.of("code", problem.code())).build())
            .build();
      }
    };
    RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
        .type("Query", type -> type.dataFetcher("advertiserCommissions", fetcher))
        .build();
    GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl()), wiring);
    return GraphQL.newGraphQL(schema).preparsedDocumentProvider(new ParsedQueries()).build();
  }

  /**
   * Parsed and validated queries by their text: clients send the same few queries with different
   * variables, and parsing each anew was most of the sandbox's CPU per call. Bounded, as anyone may post.
   */
  private static final class ParsedQueries implements PreparsedDocumentProvider {
    private static final int MAX = 256;
    private final Map<String, PreparsedDocumentEntry> byQuery = new ConcurrentHashMap<>();

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
        Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
      PreparsedDocumentEntry known = byQuery.get(input.getQuery());
      if (known != null) {
        return CompletableFuture.completedFuture(known);
      }
      PreparsedDocumentEntry entry = parseAndValidate.apply(input);
      if (!entry.hasErrors() && byQuery.size() < MAX) {
        byQuery.put(input.getQuery(), entry);
      }
      return CompletableFuture.completedFuture(entry);
    }
  }

  private static String sdl() {
    try (InputStream in = CommissionDetailSchema.class.getResourceAsStream("/commission-detail.graphqls")) {
      if (in == null) {
        throw new IllegalStateException("commission-detail.graphqls missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
