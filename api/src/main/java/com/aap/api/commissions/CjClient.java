package com.aap.api.commissions;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Calls CJ's Commission Detail API ({@code advertiserCommissions}, GraphQL over HTTP). */
public final class CjClient {

  static final String COUNT_QUERY = """
      query Verify($cids: [String!]!, $since: String, $before: String) {
        advertiserCommissions(forAdvertisers: $cids, sincePostingDate: $since, beforePostingDate: $before) {
          count
        }
      }""";

  static final String PAGE_QUERY = """
      query Page($cids: [String!]!, $since: String, $before: String, $after: String) {
        advertiserCommissions(forAdvertisers: $cids, sincePostingDate: $since, beforePostingDate: $before,
                              sinceCommissionId: $after) {
          count limit maxCommissionId payloadComplete
          records {
            commissionId originalActionId original orderId actionTrackerId actionTrackerName actionType
            actionStatus validationStatus correctionReason postingDate eventDate lockingDate lockingMethod
            publisherId publisherName saleAmountAdvCurrency advCommissionAmountAdvCurrency cjFeeAdvCurrency
            coupon items { sku quantity perItemSaleAmountAdvCurrency totalCommissionAdvCurrency }
          }
        }
      }""";

  private final WebClient client;
  private final String url;

  public CjClient(Vertx vertx, String url) {
    this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5_000).setUserAgent("aap-api"));
    this.url = url;
  }

  /** A cheap query over the last day: succeeds when the token may read the company's commissions. */
  public Future<Void> verify(String token, String cid) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    JsonObject variables = new JsonObject().put("cids", new JsonArray().add(cid))
        .put("since", now.minus(1, ChronoUnit.DAYS).toString()).put("before", now.toString());
    return call(token, COUNT_QUERY, variables).mapEmpty();
  }

  /** One page of records with posting dates in [since, before) and commission ids after {@code after}. */
  public Future<JsonObject> page(String token, String cid, Instant since, Instant before, String after) {
    JsonObject variables = new JsonObject().put("cids", new JsonArray().add(cid))
        .put("since", since.toString()).put("before", before.toString()).put("after", after);
    return call(token, PAGE_QUERY, variables);
  }

  private Future<JsonObject> call(String token, String query, JsonObject variables) {
    return client.postAbs(url)
        .putHeader("Authorization", "Bearer " + token)
        .putHeader("Accept", "application/json")
        .timeout(30_000)
        .sendJsonObject(new JsonObject().put("query", query).put("variables", variables))
        .recover(e -> Future.failedFuture(new CjException(CjException.Kind.TRANSIENT,
            "Commission Detail API unreachable: " + e.getClass().getSimpleName())))
        .map(CjClient::result);
  }

  private static JsonObject result(HttpResponse<Buffer> response) {
    int status = response.statusCode();
    if (status == 429) {
      throw new CjException(CjException.Kind.TRANSIENT, "Commission Detail API answered HTTP 429",
          RetryAfter.parse(response.getHeader("Retry-After")));
    }
    if (status >= 500) {
      throw new CjException(CjException.Kind.TRANSIENT, "Commission Detail API answered HTTP " + status);
    }
    JsonObject body;
    try {
      body = response.bodyAsJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    CjException error = body != null && body.getValue("errors") instanceof JsonArray errors && !errors.isEmpty()
        && errors.getValue(0) instanceof JsonObject first ? graphQlError(first) : null;
    if (status == 401 || status == 403) throw refusal(status, error);
    if (body == null) throw new CjException(CjException.Kind.OTHER, "HTTP " + status + " without a JSON body");
    if (error != null) throw error;
    if (status != 200) throw new CjException(CjException.Kind.OTHER, "HTTP " + status);
    JsonObject data = body.getJsonObject("data");
    JsonObject result = data == null ? null : data.getJsonObject("advertiserCommissions");
    if (result == null) throw new CjException(CjException.Kind.OTHER, "no advertiserCommissions in the answer");
    return result;
  }

  /** A 401 or 403: CJ's own refusal (and its words) when the body names one, else by the status alone. */
  private static CjException refusal(int status, CjException error) {
    if (error != null && error.refusesToken()) return error;
    return new CjException(status == 401 ? CjException.Kind.REJECTED : CjException.Kind.FORBIDDEN, "HTTP " + status);
  }

  private static CjException graphQlError(JsonObject error) {
    JsonObject extensions = error.getJsonObject("extensions");
    String code = extensions == null ? null : extensions.getString("code");
    CjException.Kind kind = "UNAUTHENTICATED".equals(code) ? CjException.Kind.REJECTED
        : "FORBIDDEN".equals(code) ? CjException.Kind.FORBIDDEN : CjException.Kind.OTHER;
    String message = error.getString("message", "");
    return new CjException(kind, "GraphQL error " + code + ": " + message.substring(0, Math.min(200, message.length())));
  }

  public void close() {
    client.close();
  }
}
