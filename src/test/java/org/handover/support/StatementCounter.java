package org.handover.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the SQL statements the application prepares on the thread that last called {@link
 * #reset()} (the test's, where MockMvc serves the request), to prove a page's query count; the
 * statements of background jobs on other threads are not the page's.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StatementCounter {

  private final AtomicInteger count = new AtomicInteger();
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private volatile Thread counted = Thread.currentThread();

  public void reset() {
    counted = Thread.currentThread();
    count.set(0);
    seen.clear();
  }

  public int count() {
    return count.get();
  }

  /** The statements counted since the last reset, in order (to say which ones a budget exceeds). */
  public List<String> statements() {
    return List.copyOf(seen);
  }

  @Bean
  static BeanPostProcessor countingDataSource(StatementCounter counter) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (!(bean instanceof DataSource dataSource)) {
          return bean;
        }
        return Proxy.newProxyInstance(
            DataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              Object result = invoke(dataSource, method, args);
              return result instanceof Connection c ? counting(c, counter) : result;
            });
      }
    };
  }

  private static Connection counting(Connection connection, StatementCounter counter) {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              String name = method.getName();
              if ((name.equals("prepareStatement")
                      || name.equals("createStatement")
                      || name.equals("prepareCall"))
                  && Thread.currentThread() == counter.counted) {
                counter.count.incrementAndGet();
                counter.seen.add(args != null && args.length > 0 ? String.valueOf(args[0]) : name);
              }
              return invoke(connection, method, args);
            });
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
