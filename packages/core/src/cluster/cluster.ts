/**
 * One cluster of a k-means clustering, as Polis stores it (§8): a lineage id, the names of its members
 * (participant rows for base clusters, base-cluster ids for groups) and its centre in the PCA plane.
 * Plain JSON-safe data.
 */
export interface Cluster {
  id: number;
  members: number[];
  center: [number, number];
}
