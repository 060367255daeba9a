package dev.patchbay.engine.workflows.expressions;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.jexl3.introspection.JexlPermissions;

/**
 * What JEXL may touch by reflection: reading members and elements of JSON views, and the methods the function
 * namespaces declare themselves. Nothing else: no class, no constructor, no field, no method inherited from
 * {@code Object} (so not {@code getClass()}), no getter of a string or a number. Method-call syntax is switched off
 * in the grammar as well; this is the second wall.
 */
final class ExpressionPermissions implements JexlPermissions {

  private static final Set<Class<?>> NAMESPACES = Set.of(DateFunctions.class, ListFunctions.class);
  private static final Set<Class<?>> VIEWS = Set.of(ObjectView.class, ArrayView.class);
  private static final Set<Class<?>> READABLE = Set.of(Map.class, List.class, java.util.AbstractMap.class,
      java.util.AbstractList.class, ObjectView.class, ArrayView.class);

  @Override
  public boolean allow(Package pack) {
    return pack != null && (pack.getName().equals(ExpressionPermissions.class.getPackageName())
        || pack.getName().equals("java.util"));
  }

  @Override
  public boolean allow(Class<?> type) {
    return NAMESPACES.contains(type) || VIEWS.contains(type);
  }

  @Override
  public boolean allow(Constructor<?> constructor) {
    return false;
  }

  @Override
  public boolean allow(Field field) {
    return false;
  }

  @Override
  public boolean allow(Method method) {
    Class<?> owner = method.getDeclaringClass();
    return NAMESPACES.contains(owner) || method.getName().equals("get") && READABLE.contains(owner);
  }

  @Override
  public JexlPermissions compose(String... rules) {
    throw new UnsupportedOperationException("expression permissions are fixed");
  }
}
