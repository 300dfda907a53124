package com.aap.api.checks;

import com.aap.api.http.ApiException;
import com.aap.api.http.Bodies;
import com.aap.api.http.Fields;
import com.aap.api.http.Reply;
import com.aap.api.jobs.JobStore;
import com.aap.api.jobs.Jobs;
import com.aap.api.jobs.Signals;
import com.aap.api.stores.Stores;
import com.aap.protocol.JobKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Portal checks, a job kind of their own: {@code POST /api/cj-logins/{login}/portal-checks} queues one for a
 * store of that CJ login (admins; the login by id or email), {@code GET /api/portal-checks/{id}} shows it with
 * its report, {@code GET /api/portal-checks/{id}/screenshots/{n}} serves the masked screenshot of element n.
 */
public final class PortalChecks {

  /** Where the route table finds the new check's id, for the audit entry. */
  public static final String CHECK_ID = "aap.checkId";
  private static final Logger log = LoggerFactory.getLogger(PortalChecks.class);
  private static final Pattern TOKEN_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private final Vertx vertx;
  private final Pool pool;
  private final JobStore store;

  public PortalChecks(Vertx vertx, Pool pool, JobStore store) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
  }

  public Future<Reply> create(RoutingContext rc) {
    Request request = Request.read(Bodies.optionalObject(rc));
    return pool.preparedQuery(CheckSql.LOGIN).execute(Tuple.of(rc.pathParam("id"))).compose(logins -> {
      if (logins.size() == 0) throw ApiException.notFound("CJ login " + rc.pathParam("id"));
      if (logins.size() > 1) {
        throw ApiException.conflict("login_ambiguous", "several CJ logins have this email; name the login by its id");
      }
      UUID loginId = logins.iterator().next().getUUID("id");
      return pool.preparedQuery(CheckSql.TARGET_STORE).execute(Tuple.of(loginId, request.storeId, request.cid))
          .compose(stores -> {
            Row store = request.target(stores.size() == 0 ? null : stores.iterator().next());
            return pool.withTransaction(conn -> insertOrFindActive(conn, store.getString("id"), request))
                .map(reply -> reply.put("loginId", loginId.toString()).put("storeId", store.getString("id"))
                    .put("cjCompanyId", store.getString("cj_company_id")).put("register", request.register));
          });
    }).map(body -> {
      String checkId = body.getString("checkId");
      rc.put(CHECK_ID, checkId);
      boolean queued = body.remove("queued") != null;
      if (queued) {
        log.info("portal check {} queued for store {}{}", checkId, body.getString("storeId"),
            request.register ? " (with register)" : "");
        vertx.eventBus().publish(Signals.JOB_QUEUED, checkId);
      }
      return new Reply(queued ? 202 : 200, body);
    });
  }

  private Future<JsonObject> insertOrFindActive(SqlConnection conn, String storeId, Request request) {
    // a check with register was asked to register: the token it brings replaces the store's, which is listed
    var check = new JobStore.NewJob(storeId, request.tokenName, JobKind.PORTAL_CHECK, request.register, request.register);
    return store.queue(conn, List.of(check)).map(queued -> {
      if (queued.isEmpty()) {
        throw ApiException.conflict("provisioning_race", "the store's job changed state meanwhile; try again");
      }
      JobStore.Queued job = queued.get(0);
      if (job.created()) return ref(job.jobId(), job.state().wire()).put("queued", true);
      if (job.kind() != JobKind.PORTAL_CHECK) {
        throw ApiException.conflict("store_has_active_job", "store " + storeId
            + " is being provisioned; check with register when that job ends, or check without register");
      }
      return ref(job.jobId(), job.state().wire());
    });
  }

  private static JsonObject ref(UUID id, String state) {
    return new JsonObject().put("checkId", id.toString()).put("jobId", id.toString()).put("state", state);
  }

  public Future<Reply> get(RoutingContext rc) {
    UUID id = checkId(rc);
    return pool.preparedQuery(CheckSql.FIND).execute(Tuple.of(id)).compose(rows -> {
      if (rows.size() == 0) throw ApiException.notFound("portal check " + id);
      Row row = rows.iterator().next();
      return store.steps(pool, id).map(steps -> Reply.ok(CheckView.of(row, steps)));
    });
  }

  /** {@code GET /api/portal-checks/{id}/screenshots/{n}}: image/png, or 404. */
  public void screenshot(RoutingContext rc) {
    UUID id;
    int n;
    try {
      id = checkId(rc);
      n = number(rc.pathParam("n"));
    } catch (ApiException e) {
      rc.fail(e);
      return;
    }
    pool.preparedQuery(CheckSql.SCREENSHOT).execute(Tuple.of(id, n)).onSuccess(rows -> {
      if (rows.size() == 0) {
        rc.fail(ApiException.notFound("screenshot " + n + " of portal check " + id));
        return;
      }
      rc.response().putHeader("Content-Type", "image/png").putHeader("Cache-Control", "no-store")
          .end(rows.iterator().next().getBuffer("png"));
    }).onFailure(rc::fail);
  }

  private static UUID checkId(RoutingContext rc) {
    String value = rc.pathParam("id");
    try {
      UUID id = UUID.fromString(value);
      if (id.toString().equalsIgnoreCase(value)) return id;
    } catch (IllegalArgumentException ignored) {
      // below
    }
    throw ApiException.notFound("portal check " + value);
  }

  private static int number(String value) {
    if (value != null && value.matches("[1-9][0-9]{0,3}")) return Integer.parseInt(value);
    throw ApiException.notFound("screenshot " + value);
  }

  /** The body: {@code {register?, storeId?, cjCompanyId?, tokenName?}}; at most one of storeId and cjCompanyId. */
  private static final class Request {
    boolean register;
    String storeId;
    String cid;
    String tokenName;

    static Request read(JsonObject body) {
      Fields fields = new Fields(body);
      Request request = new Request();
      Object register = body.getValue("register");
      if (register != null && !(register instanceof Boolean)) fields.problem("register", "must be true or false");
      request.register = Boolean.TRUE.equals(register);
      request.storeId = fields.optionalText("storeId", Stores.STORE_ID, "must be 1 to 64 letters, digits, '.', '_' or '-'");
      request.cid = body.getValue("cjCompanyId") == null ? null : fields.digits("cjCompanyId");
      if (body.getValue("storeId") != null && body.getValue("cjCompanyId") != null) {
        fields.problem("cjCompanyId", "give storeId or cjCompanyId, not both");
      }
      String name = fields.optionalText("tokenName", TOKEN_NAME, "must be 1 to 64 letters, digits, '_', '.' or '-'");
      request.tokenName = name == null ? Jobs.DEFAULT_TOKEN_NAME : name;
      fields.check();
      return request;
    }

    /** The store the check walks to; refuses a missing one, and register without agency authorization. */
    Row target(Row store) {
      if (store == null && storeId != null) throw badField("storeId", "names no store of this CJ login");
      if (store == null && cid != null) throw badField("cjCompanyId", "no store of this CJ login has this CJ company id");
      if (store == null) {
        throw ApiException.conflict("login_has_no_store",
            "this CJ login has no store; a check walks to a store's company, so add one first");
      }
      if (register && store.getLocalDate("agency_signed_on") == null) {
        throw ApiException.conflict("no_agency_authorization", "store " + store.getString("id")
            + " has no agency authorization; a check with register makes a real token for it");
      }
      return store;
    }

    private static ApiException badField(String field, String problem) {
      return new ApiException(400, "invalid_fields", "some fields are missing or invalid",
          new JsonArray().add(new JsonObject().put("field", field).put("problem", problem)));
    }
  }
}
