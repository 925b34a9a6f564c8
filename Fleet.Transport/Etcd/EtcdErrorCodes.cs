using Fleet.Core;

namespace Fleet.Transport.Etcd;

/// <summary>
/// etcd's error codes (the <c>errorCode</c> of its error answers), as found in
/// <see cref="APIError.EtcdCode"/>: <c>error.EtcdCode == EtcdErrorCodes.KeyNotFound</c>.
/// </summary>
public static class EtcdErrorCodes
{
    /// <summary>100: the key does not exist (HTTP 404).</summary>
    public const int KeyNotFound = 100;

    /// <summary>101: a <c>prevValue</c> or <c>prevIndex</c> condition did not hold (HTTP 412, "Compare failed").</summary>
    public const int CompareFailed = 101;

    /// <summary>102: the key is a directory where a value was expected.</summary>
    public const int NotFile = 102;

    /// <summary>104: a key on the path is a value where a directory was expected.</summary>
    public const int NotDirectory = 104;

    /// <summary>105: the key already exists, and <c>prevExist=false</c> asked that it not (HTTP 412).</summary>
    public const int KeyExists = 105;

    /// <summary>107: the root directory cannot be changed.</summary>
    public const int RootReadOnly = 107;

    /// <summary>108: the directory is not empty, and the delete was not recursive.</summary>
    public const int DirectoryNotEmpty = 108;

    /// <summary>110: the request lacks the rights it needs (HTTP 401).</summary>
    public const int Unauthorized = 110;

    /// <summary>300: etcd failed inside its consensus (HTTP 500).</summary>
    public const int RaftInternal = 300;

    /// <summary>301: etcd is electing a leader (HTTP 500).</summary>
    public const int LeaderElection = 301;
}
