package dev.patchbay.engine.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a heap dump (HPROF, as {@code HotSpotDiagnosticMXBean.dumpHeap} writes it) and finds the shortest chain of
 * strong references from a GC root to one object: what keeps it alive. The object is named by a static field that
 * holds it while the heap is dumped; that field itself is no path.
 */
final class HeapDumpPaths {

  private static final int OBJECT = 2;
  private static final int BYTE = 8;

  private final MappedByteBuffer heap;
  private final int idSize;
  private final Map<Long, String> strings = new HashMap<>();
  private final Map<Long, String> classNames = new HashMap<>();
  private final Map<Long, ClassDump> classes = new HashMap<>();
  /** Instances by id: their class and where their field values are. */
  private final Map<Long, long[]> instances = new HashMap<>();
  /** Object arrays by id: where their elements are and how many. */
  private final Map<Long, long[]> arrays = new HashMap<>();
  /** Byte arrays by id, for the names of threads: where their bytes are and how many. */
  private final Map<Long, long[]> bytes = new HashMap<>();
  private final Map<Long, String> roots = new HashMap<>();

  private record Field(String name, int type) {}

  private record ClassDump(long superclass, long loader, Map<String, Long> statics, List<Field> fields) {}

  private HeapDumpPaths(MappedByteBuffer heap) {
    this.heap = heap;
    while (heap.get() != 0) {
      // The format's name and version, up to a NUL.
    }
    this.idSize = heap.getInt();
    heap.getLong();
    while (heap.hasRemaining()) {
      int tag = heap.get() & 0xFF;
      heap.getInt();
      long length = Integer.toUnsignedLong(heap.getInt());
      int body = heap.position();
      switch (tag) {
        case 0x01 -> strings.put(id(), text(length - idSize));
        case 0x02 -> {
          heap.getInt();
          long classId = id();
          heap.getInt();
          classNames.put(classId, strings.getOrDefault(id(), "?").replace('/', '.'));
        }
        case 0x0C, 0x1C -> readHeap(body + length);
        default -> { }
      }
      heap.position((int) (body + length));
    }
  }

  /**
   * The path from a GC root to the object in {@code holder}'s static field {@code field}, one reference a line.
   */
  static String pathToHeldObject(Path dump, String holder, String field) throws IOException {
    try (FileChannel channel = FileChannel.open(dump, StandardOpenOption.READ)) {
      HeapDumpPaths paths = new HeapDumpPaths(channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()));
      return paths.pathToHeldObject(holder, field);
    }
  }

  private String pathToHeldObject(String holder, String field) {
    long holderId = classNames.entrySet().stream().filter(entry -> entry.getValue().equals(holder))
        .map(Map.Entry::getKey).findFirst()
        .orElseThrow(() -> new IllegalStateException(holder + " is not in the dump"));
    long target = classes.get(holderId).statics().getOrDefault(field, 0L);
    Map<Long, Long> parents = new HashMap<>();
    Map<Long, String> via = new HashMap<>();
    ArrayDeque<Long> queue = new ArrayDeque<>();
    roots.forEach((root, kind) -> {
      parents.put(root, 0L);
      via.put(root, "GC root (" + kind + ")");
      queue.add(root);
    });
    while (!queue.isEmpty() && !parents.containsKey(target)) {
      long object = queue.poll();
      if (object == holderId) {
        continue;
      }
      for (Map.Entry<String, Long> reference : references(object).entrySet()) {
        long next = reference.getValue();
        if (next != 0 && !parents.containsKey(next)) {
          parents.put(next, object);
          via.put(next, reference.getKey());
          queue.add(next);
        }
      }
    }
    if (!parents.containsKey(target)) {
      return "no strong path from a GC root (it may have been collected while the heap was dumped)";
    }
    List<String> lines = new ArrayList<>();
    for (long object = target; object != 0; object = parents.get(object)) {
      lines.add(0, "  " + via.get(object) + " -> " + describe(object));
    }
    return String.join("\n", lines);
  }

  private void readHeap(long end) {
    while (heap.position() < end) {
      int tag = heap.get() & 0xFF;
      switch (tag) {
        case 0xFF -> root(0, "unknown");
        case 0x01 -> root(idSize, "JNI global");
        case 0x02 -> root(8, "JNI local");
        case 0x03 -> root(8, "local variable of a thread's frame");
        case 0x04 -> root(4, "native stack");
        case 0x05 -> root(0, "system class");
        case 0x06 -> root(4, "thread block");
        case 0x07 -> root(0, "monitor in use");
        case 0x08 -> root(8, "live thread");
        case 0x20 -> readClass();
        case 0x21 -> {
          long id = id();
          heap.getInt();
          long classId = id();
          int length = heap.getInt();
          instances.put(id, new long[] {classId, heap.position()});
          skip(length);
        }
        case 0x22 -> {
          long id = id();
          heap.getInt();
          int count = heap.getInt();
          id();
          arrays.put(id, new long[] {heap.position(), count});
          skip((long) count * idSize);
        }
        case 0x23 -> {
          long id = id();
          heap.getInt();
          int count = heap.getInt();
          int type = heap.get();
          if (type == BYTE) {
            bytes.put(id, new long[] {heap.position(), count});
          }
          skip((long) count * size(type));
        }
        default -> throw new IllegalStateException("unknown heap dump record " + Integer.toHexString(tag));
      }
    }
  }

  private void root(int rest, String kind) {
    roots.putIfAbsent(id(), kind);
    skip(rest);
  }

  private void readClass() {
    long id = id();
    heap.getInt();
    long superclass = id();
    long loader = id();
    skip(4L * idSize + 4);
    int constants = heap.getShort() & 0xFFFF;
    for (int i = 0; i < constants; i++) {
      heap.getShort();
      skip(size(heap.get()));
    }
    Map<String, Long> statics = new HashMap<>();
    int staticCount = heap.getShort() & 0xFFFF;
    for (int i = 0; i < staticCount; i++) {
      String name = strings.getOrDefault(id(), "?");
      int type = heap.get();
      if (type == OBJECT) {
        statics.put(name, id());
      } else {
        skip(size(type));
      }
    }
    List<Field> fields = new ArrayList<>();
    int fieldCount = heap.getShort() & 0xFFFF;
    for (int i = 0; i < fieldCount; i++) {
      fields.add(new Field(strings.getOrDefault(id(), "?"), heap.get()));
    }
    classes.put(id, new ClassDump(superclass, loader, statics, fields));
  }

  /** The strong references an object holds, by field; a reference's referent is weak and left out. */
  private Map<String, Long> references(long object) {
    Map<String, Long> references = new HashMap<>();
    long[] instance = instances.get(object);
    if (instance != null) {
      references.put("<its class>", instance[0]);
      ByteBuffer fields = heap.duplicate().position((int) instance[1]);
      for (long type = instance[0]; classes.containsKey(type); type = classes.get(type).superclass()) {
        for (Field field : classes.get(type).fields()) {
          if (field.type() != OBJECT) {
            fields.position(fields.position() + size(field.type()));
          } else if (field.name().equals("referent")) {
            read(fields);
          } else {
            references.putIfAbsent("." + field.name(), read(fields));
          }
        }
      }
    }
    long[] array = arrays.get(object);
    if (array != null) {
      ByteBuffer elements = heap.duplicate().position((int) array[0]);
      for (int i = 0; i < array[1]; i++) {
        references.put("[" + i + "]", read(elements));
      }
    }
    ClassDump type = classes.get(object);
    if (type != null) {
      type.statics().forEach((name, value) -> references.put("static " + name, value));
      references.put("<its class loader>", type.loader());
    }
    return references;
  }

  private String describe(long object) {
    if (instances.containsKey(object)) {
      String type = classNames.getOrDefault(instances.get(object)[0], "?");
      return references(object).containsKey(".threadLocals") ? type + " \"" + threadName(object) + "\"" : type;
    }
    if (arrays.containsKey(object)) {
      return "Object[]";
    }
    return "class " + classNames.getOrDefault(object, "?");
  }

  /** A thread's name: its {@code name} string's bytes (Latin-1, as compact strings keep thread names). */
  private String threadName(long thread) {
    long[] name = bytes.get(references(references(thread).getOrDefault(".name", 0L)).getOrDefault(".value", 0L));
    if (name == null) {
      return "?";
    }
    byte[] text = new byte[(int) name[1]];
    heap.duplicate().position((int) name[0]).get(text);
    return new String(text, StandardCharsets.ISO_8859_1);
  }

  private long id() {
    return read(heap);
  }

  private long read(ByteBuffer buffer) {
    return idSize == 8 ? buffer.getLong() : Integer.toUnsignedLong(buffer.getInt());
  }

  private String text(long length) {
    byte[] bytes = new byte[(int) length];
    heap.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private void skip(long bytes) {
    heap.position((int) (heap.position() + bytes));
  }

  private int size(int type) {
    return switch (type) {
      case OBJECT -> idSize;
      case 4, 8 -> 1;
      case 5, 9 -> 2;
      case 6, 10 -> 4;
      case 7, 11 -> 8;
      default -> throw new IllegalStateException("unknown field type " + type);
    };
  }
}
