package dev.fogbank.lambda.runtime;

import dev.fogbank.lambda.runtime.sandbox.SandboxCalls;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites a function's class as it is defined so that what would reach Fogbank's process reaches
 * the function's {@link dev.fogbank.lambda.runtime.sandbox.Sandbox} instead: {@code System.getenv},
 * the {@code System} property methods (for {@code aws.*} keys), {@code System.exit}, {@code Runtime.exit}/{@code halt}/{@code exec}/shutdown hooks and {@code
 * ProcessBuilder.environment}/{@code start}/{@code startPipeline} become calls to {@link
 * SandboxCalls} with the calling class pushed as one more argument ({@code LDC} of the class
 * itself), so the environment is found from the class's loader without a stack walk.
 *
 * <p>Cheap by construction: a class whose constant pool names none of these methods is returned as
 * it came, unparsed (a walk of the constant pool, comparing bytes); a rewritten one keeps its stack map frames (the pushed class is consumed at
 * once, so no frame sees it) and only its methods' max stack grows by one.
 */
final class FunctionBytecode {

  private static final String CALLS = Type.getInternalName(SandboxCalls.class);
  private static final String CLASS_DESC = "Ljava/lang/Class;";

  /** owner.name+descriptor of every call that is rewritten. */
  private static final Set<String> TARGETS =
      Set.of(
          "java/lang/System.getenv(Ljava/lang/String;)Ljava/lang/String;",
          "java/lang/System.getenv()Ljava/util/Map;",
          "java/lang/System.exit(I)V",
          "java/lang/System.getProperty(Ljava/lang/String;)Ljava/lang/String;",
          "java/lang/System.getProperty(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;",
          "java/lang/System.setProperty(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;",
          "java/lang/System.clearProperty(Ljava/lang/String;)Ljava/lang/String;",
          "java/lang/Runtime.exit(I)V",
          "java/lang/Runtime.halt(I)V",
          "java/lang/Runtime.addShutdownHook(Ljava/lang/Thread;)V",
          "java/lang/Runtime.removeShutdownHook(Ljava/lang/Thread;)Z",
          "java/lang/Runtime.exec(Ljava/lang/String;)Ljava/lang/Process;",
          "java/lang/Runtime.exec(Ljava/lang/String;[Ljava/lang/String;)Ljava/lang/Process;",
          "java/lang/Runtime.exec(Ljava/lang/String;[Ljava/lang/String;Ljava/io/File;)Ljava/lang/Process;",
          "java/lang/Runtime.exec([Ljava/lang/String;)Ljava/lang/Process;",
          "java/lang/Runtime.exec([Ljava/lang/String;[Ljava/lang/String;)Ljava/lang/Process;",
          "java/lang/Runtime.exec([Ljava/lang/String;[Ljava/lang/String;Ljava/io/File;)Ljava/lang/Process;",
          "java/lang/ProcessBuilder.environment()Ljava/util/Map;",
          "java/lang/ProcessBuilder.start()Ljava/lang/Process;",
          "java/lang/ProcessBuilder.startPipeline(Ljava/util/List;)Ljava/util/List;");

  /** Method references ({@code System::getenv}) go to the stack-walking variants, same shape. */
  private static final Set<String> REFERENCED =
      Set.of(
          "java/lang/System.getenv(Ljava/lang/String;)Ljava/lang/String;",
          "java/lang/System.getenv()Ljava/util/Map;",
          "java/lang/System.getProperty(Ljava/lang/String;)Ljava/lang/String;",
          "java/lang/System.getProperty(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;",
          "java/lang/System.exit(I)V");

  private static final int CONSTANT_METHODREF = 10;
  private static final int CONSTANT_NAME_AND_TYPE = 12;

  private FunctionBytecode() {}

  /** The class file to define: {@code classFile} itself when nothing in it needs rewriting. */
  static byte[] rewrite(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    if (!mentionsTarget(reader)) {
      return classFile;
    }
    ClassWriter writer = new ClassWriter(reader, 0);
    reader.accept(new Rewriter(writer), 0);
    return writer.toByteArray();
  }

  private static final byte[][] OWNERS = {
    "java/lang/System".getBytes(StandardCharsets.US_ASCII),
    "java/lang/Runtime".getBytes(StandardCharsets.US_ASCII),
    "java/lang/ProcessBuilder".getBytes(StandardCharsets.US_ASCII)
  };

  /** Whether the constant pool string at {@code item} is one of the targets' owners, read as bytes. */
  private static boolean isOwner(ClassReader reader, int item) {
    int offset = reader.getItem(item);
    if (offset == 0) {
      return false;
    }
    int length = reader.readUnsignedShort(offset);
    for (byte[] owner : OWNERS) {
      if (length == owner.length) {
        boolean same = true;
        for (int i = 0; i < length && same; i++) {
          same = reader.readByte(offset + 2 + i) == owner[i];
        }
        if (same) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether the constant pool holds a method reference to one of the targets. */
  static boolean mentionsTarget(ClassReader reader) {
    char[] buf = new char[reader.getMaxStringLength()];
    for (int i = 1; i < reader.getItemCount(); i++) {
      int offset = reader.getItem(i);
      // The second slot of a long or double has no offset of its own.
      if (offset == 0 || reader.readByte(offset - 1) != CONSTANT_METHODREF) {
        continue;
      }
      // Compared as bytes first: most method references are to other classes, and no string is made.
      int ownerClass = reader.getItem(reader.readUnsignedShort(offset));
      if (ownerClass == 0 || !isOwner(reader, reader.readUnsignedShort(ownerClass))) {
        continue;
      }
      String owner = reader.readClass(offset, buf);
      int nameAndType = reader.getItem(reader.readUnsignedShort(offset + 2));
      if (nameAndType == 0 || reader.readByte(nameAndType - 1) != CONSTANT_NAME_AND_TYPE) {
        continue;
      }
      String key = owner + "." + reader.readUTF8(nameAndType, buf) + reader.readUTF8(nameAndType + 2, buf);
      if (TARGETS.contains(key)) {
        return true;
      }
    }
    return false;
  }

  private static final class Rewriter extends ClassVisitor {
    private Type self;

    Rewriter(ClassVisitor next) {
      super(Opcodes.ASM9, next);
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
      self = Type.getObjectType(name);
      // LDC of a class constant needs class file version 49 (Java 5); older classes are raised to
      // it, which changes nothing else for them (stack map frames start at 50).
      int major = version & 0xFFFF;
      super.visit(major < 49 ? Opcodes.V1_5 : version, access, name, signature, superName, interfaces);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
      return new CallRewriter(super.visitMethod(access, name, descriptor, signature, exceptions), self);
    }
  }

  private static final class CallRewriter extends MethodVisitor {
    private final Type self;
    private boolean rewritten;

    CallRewriter(MethodVisitor next, Type self) {
      super(Opcodes.ASM9, next);
      this.self = self;
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
      if ((opcode != Opcodes.INVOKESTATIC && opcode != Opcodes.INVOKEVIRTUAL) || !TARGETS.contains(owner + "." + name + descriptor)) {
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        return;
      }
      // The receiver (for a virtual call) becomes the first argument, the caller the last.
      String receiver = opcode == Opcodes.INVOKEVIRTUAL ? "L" + owner + ";" : "";
      int close = descriptor.indexOf(')');
      String shim = "(" + receiver + descriptor.substring(1, close) + CLASS_DESC + descriptor.substring(close);
      super.visitLdcInsn(self);
      super.visitMethodInsn(Opcodes.INVOKESTATIC, CALLS, name, shim, false);
      rewritten = true;
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
      Object[] args = arguments;
      for (int i = 0; i < args.length; i++) {
        if (args[i] instanceof Handle h
            && h.getTag() == Opcodes.H_INVOKESTATIC
            && REFERENCED.contains(h.getOwner() + "." + h.getName() + h.getDesc())) {
          if (args == arguments) {
            args = arguments.clone();
          }
          args[i] = new Handle(Opcodes.H_INVOKESTATIC, CALLS, h.getName(), h.getDesc(), false);
        }
      }
      super.visitInvokeDynamicInsn(name, descriptor, bootstrap, args);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      super.visitMaxs(rewritten ? maxStack + 1 : maxStack, maxLocals);
    }
  }
}
