package org.handover.catalog;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.handover.system.ReadReplica;
import org.mockito.ArgumentMatchers;
import org.mockito.Mockito;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The statements My services runs for one query, written by {@link ServiceListing} itself and
 * captured with their bound values as the PostgreSQL driver prints them: what the benchmark
 * explains ({@code EXPLAIN (ANALYZE, BUFFERS)}), so the plan shown is the plan of the exact SQL.
 */
public final class ListingStatements {

  private ListingStatements() {}

  /**
   * The statements one page of this query runs (the page, then the capped count if it needs one).
   */
  public static List<String> of(DataSource dataSource, ServiceQuery query) {
    List<String> seen = new ArrayList<>();
    JdbcClient jdbc = JdbcClient.create(recording(dataSource, seen));
    ReadReplica reads = Mockito.mock(ReadReplica.class);
    Mockito.when(reads.forLists(ArgumentMatchers.any())).thenReturn(jdbc);
    new ServiceListing(jdbc, reads).page(query);
    return seen;
  }

  private static DataSource recording(DataSource target, List<String> seen) {
    return proxy(
        DataSource.class,
        target,
        (method, result) ->
            result instanceof Connection c
                ? proxy(
                    Connection.class,
                    c,
                    (m, ps) ->
                        ps instanceof PreparedStatement p && m.getName().equals("prepareStatement")
                            ? proxy(
                                PreparedStatement.class,
                                p,
                                (call, r) -> r,
                                call -> {
                                  if (call.getName().startsWith("execute")) {
                                    seen.add(p.toString());
                                  }
                                })
                            : ps,
                    m -> {})
                : result,
        m -> {});
  }

  private interface After {
    Object apply(Method method, Object result) throws Exception;
  }

  private interface Before {
    void accept(Method method) throws Exception;
  }

  private static <T> T proxy(Class<T> type, T target, After after, Before before) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              before.accept(method);
              try {
                return after.apply(method, method.invoke(target, args));
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            }));
  }
}
