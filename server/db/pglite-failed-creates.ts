/**
 * Emscripten's Node file system (NODEFS, under PGlite) enters a new file in
 * its own name table before it creates the file on disk, and leaves it there
 * when the creation fails. After one refused create (a read-only folder, a
 * full disk) PostgreSQL's retry then fails with "File exists" for as long as
 * the process runs, even once the folder is writable again. This removes the
 * phantom entry when the creation fails, so a write can succeed again when
 * the storage recovers.
 */
export function forgetFailedCreates(module: EmscriptenFsModule): void {
  const { FS, NODEFS } = module;
  const mknod = NODEFS.node_ops.mknod;
  NODEFS.node_ops.mknod = (parent, name, mode, dev) => {
    try {
      return mknod(parent, name, mode, dev);
    } catch (error) {
      const phantom = phantomNode(FS, parent, name);
      if (phantom) FS.destroyNode(phantom);
      throw error;
    }
  };
}

/** The little of Emscripten's module that {@link forgetFailedCreates} touches. */
export interface EmscriptenFsModule {
  FS: {
    nameTable: Array<EmscriptenNode | null | undefined>;
    hashName(parentId: number, name: string): number;
    destroyNode(node: EmscriptenNode): void;
  };
  NODEFS: { node_ops: { mknod: (parent: EmscriptenNode, name: string, mode: number, dev: number) => EmscriptenNode } };
}

interface EmscriptenNode {
  id: number;
  name: string;
  parent: EmscriptenNode;
  name_next?: EmscriptenNode;
}

/** The name table's entry for `name` in `parent` (FS.lookupNode without its fallback to the disk). */
function phantomNode(FS: EmscriptenFsModule['FS'], parent: EmscriptenNode, name: string): EmscriptenNode | undefined {
  for (let node = FS.nameTable[FS.hashName(parent.id, name)]; node; node = node.name_next) {
    if (node.parent.id === parent.id && node.name === name) return node;
  }
  return undefined;
}
