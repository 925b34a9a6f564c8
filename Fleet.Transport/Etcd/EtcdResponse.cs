namespace Fleet.Transport.Etcd;

/// <summary>etcd's answer to a successful request of its v2 keys API.</summary>
/// <param name="Action">What etcd did: <c>get</c>, <c>set</c>, <c>create</c>, <c>update</c>, <c>compareAndSwap</c>, <c>delete</c>, <c>compareAndDelete</c>, ...</param>
/// <param name="Node">The node read or written (for a delete, the key as it is now, without a value).</param>
/// <param name="PrevNode">The node as it was before a write, when there was one.</param>
/// <param name="Index">etcd's <c>X-Etcd-Index</c> header: the cluster's index when it answered; 0 when absent.</param>
public sealed record EtcdResponse(string Action, EtcdNode Node, EtcdNode? PrevNode, long Index);
